package dev.cairn.ingest.pack;

import java.util.UUID;

/** Where packs are written: the object store of a region. */
public interface PackStore {

    /** Writes an object of the tenant in the region's bucket under {@code tenants/<tenant>/<name>}. */
    void put(String region, UUID tenantId, String name, byte[] content);

    /** The object key of {@code name} for the tenant (docs/protocol.md, "Object layout"). */
    static String key(UUID tenantId, String name) {
        return "tenants/" + tenantId + "/" + name;
    }
}
