package dev.cairn.platform.region;

import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;

/**
 * Ready only when the bucket of every configured region answers. Services that write or read backup data turn it
 * on with the build property {@code cairn.object-storage.readiness=true}.
 */
@Readiness
@ApplicationScoped
@IfBuildProperty(name = "cairn.object-storage.readiness", stringValue = "true")
public class ObjectStoreReadiness implements HealthCheck {
    private final RegionsConfig config;
    private final ObjectStores stores;

    public ObjectStoreReadiness(RegionsConfig config, ObjectStores stores) {
        this.config = config;
        this.stores = stores;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response =
                HealthCheckResponse.named("object-storage").up();
        for (var region : config.regions().entrySet()) {
            String bucket = region.getValue().bucket();
            try {
                stores.client(region.getKey())
                        .headBucket(HeadBucketRequest.builder().bucket(bucket).build());
                response.withData(region.getKey(), "bucket " + bucket + " reachable");
            } catch (RuntimeException e) {
                response.down().withData(region.getKey(), "bucket " + bucket + ": " + e.getMessage());
            }
        }
        return response.build();
    }
}
