package dev.cairn.platform.region;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** One S3 client per configured region, made on first use and closed with the application. */
@ApplicationScoped
public class ObjectStores {
    private final RegionsConfig config;
    private final Map<String, S3Client> clients = new ConcurrentHashMap<>();
    private final Map<String, S3Presigner> presigners = new ConcurrentHashMap<>();

    public ObjectStores(RegionsConfig config) {
        this.config = config;
    }

    /** The client of {@code region}; fails for a region that is not configured. */
    public S3Client client(String region) {
        RegionsConfig.RegionConfig r = config.regions().get(region);
        if (r == null) {
            throw new IllegalArgumentException("region " + region + " is not configured");
        }
        return clients.computeIfAbsent(region, code -> build(r));
    }

    /** The URL presigner of {@code region}, with the same endpoint and credentials as its client. */
    public S3Presigner presigner(String region) {
        RegionsConfig.RegionConfig r = config.regions().get(region);
        if (r == null) {
            throw new IllegalArgumentException("region " + region + " is not configured");
        }
        return presigners.computeIfAbsent(region, code -> {
            var builder = S3Presigner.builder()
                    .region(Region.of(r.signingRegion()))
                    .serviceConfiguration(S3Configuration.builder()
                            .pathStyleAccessEnabled(r.pathStyle())
                            .build())
                    .credentialsProvider(credentials(r));
            r.endpoint().ifPresent(builder::endpointOverride);
            return builder.build();
        });
    }

    /** The bucket of {@code region}. */
    public String bucket(String region) {
        return config.regions().get(region).bucket();
    }

    private static S3Client build(RegionsConfig.RegionConfig region) {
        var builder = S3Client.builder()
                .region(Region.of(region.signingRegion()))
                .forcePathStyle(region.pathStyle())
                .httpClient(UrlConnectionHttpClient.create())
                // packs carry their own integrity (AES-GCM tags, chunk ids): no extra checksum pass over every byte
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(credentials(region));
        region.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(RegionsConfig.RegionConfig region) {
        return region.accessKey().isPresent()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        region.accessKey().get(), region.secretKey().orElse("")))
                : DefaultCredentialsProvider.builder().build();
    }

    @PreDestroy
    void close() {
        clients.values().forEach(S3Client::close);
        presigners.values().forEach(S3Presigner::close);
    }
}
