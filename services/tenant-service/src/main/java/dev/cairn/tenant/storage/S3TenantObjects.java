package dev.cairn.tenant.storage;

import dev.cairn.platform.region.ObjectStores;
import dev.cairn.tenant.tenant.TenantObjects;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Deletes a tenant's objects: everything under {@code tenants/<tenant id>/} in each region's bucket. */
@ApplicationScoped
public class S3TenantObjects implements TenantObjects {
    private final ObjectStores stores;

    public S3TenantObjects(ObjectStores stores) {
        this.stores = stores;
    }

    /** The key prefix of every object of a tenant. */
    public static String prefix(UUID tenantId) {
        return "tenants/" + tenantId + "/";
    }

    @Override
    public long deleteAll(UUID tenantId, Collection<String> regions) {
        long deleted = 0;
        for (String region : regions) {
            S3Client s3 = stores.client(region);
            String bucket = stores.bucket(region);
            for (var page : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix(tenantId)))) {
                List<ObjectIdentifier> keys = page.contents().stream()
                        .map(S3Object::key)
                        .map(key -> ObjectIdentifier.builder().key(key).build())
                        .toList();
                if (!keys.isEmpty()) {
                    s3.deleteObjects(b -> b.bucket(bucket)
                            .delete(Delete.builder().objects(keys).quiet(true).build()));
                    deleted += keys.size();
                }
            }
        }
        return deleted;
    }
}
