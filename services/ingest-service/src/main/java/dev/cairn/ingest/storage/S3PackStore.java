package dev.cairn.ingest.storage;

import dev.cairn.ingest.pack.PackStore;
import dev.cairn.platform.region.ObjectStores;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import software.amazon.awssdk.core.sync.RequestBody;

/** Packs in the regions' S3 buckets. */
@ApplicationScoped
public class S3PackStore implements PackStore {
    private final ObjectStores stores;

    public S3PackStore(ObjectStores stores) {
        this.stores = stores;
    }

    @Override
    public void put(String region, UUID tenantId, String name, byte[] content) {
        stores.client(region)
                .putObject(
                        b -> b.bucket(stores.bucket(region)).key(PackStore.key(tenantId, name)),
                        RequestBody.fromBytes(content));
    }
}
