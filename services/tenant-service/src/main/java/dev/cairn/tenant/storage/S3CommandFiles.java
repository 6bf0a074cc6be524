package dev.cairn.tenant.storage;

import dev.cairn.platform.region.ObjectStores;
import dev.cairn.tenant.command.CommandFileStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.InputStream;
import java.util.UUID;
import software.amazon.awssdk.core.sync.RequestBody;

/** Downloads in object storage: {@code tenants/<tenant id>/downloads/<command id>} in the region's bucket. */
@ApplicationScoped
public class S3CommandFiles implements CommandFileStore {
    private final ObjectStores stores;

    public S3CommandFiles(ObjectStores stores) {
        this.stores = stores;
    }

    static String key(UUID tenantId, UUID commandId) {
        return S3TenantObjects.prefix(tenantId) + "downloads/" + commandId;
    }

    @Override
    public void put(String region, UUID tenantId, UUID commandId, InputStream content, long length) {
        stores.client(region)
                .putObject(
                        b -> b.bucket(stores.bucket(region))
                                .key(key(tenantId, commandId))
                                .contentLength(length)
                                .contentType("application/octet-stream"),
                        RequestBody.fromInputStream(content, length));
    }

    @Override
    public InputStream get(String region, UUID tenantId, UUID commandId) {
        return stores.client(region)
                .getObject(b -> b.bucket(stores.bucket(region)).key(key(tenantId, commandId)));
    }

    @Override
    public void delete(String region, UUID tenantId, UUID commandId) {
        stores.client(region).deleteObject(b -> b.bucket(stores.bucket(region)).key(key(tenantId, commandId)));
    }
}
