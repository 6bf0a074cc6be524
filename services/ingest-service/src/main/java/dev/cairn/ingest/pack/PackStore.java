package dev.cairn.ingest.pack;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Where packs, pack indexes and manifests are kept: the object store of a region. */
public interface PackStore {

    /** An object as listed. */
    record StoredObject(String key, long size, Instant lastModified) {}

    /** Writes an object of the tenant in the region's bucket under {@code tenants/<tenant>/<name>}. */
    void put(String region, UUID tenantId, String name, byte[] content);

    /** Reads a whole object by key. */
    byte[] get(String region, String key);

    /** Every object of the region's bucket under {@code prefix}. */
    List<StoredObject> list(String region, String prefix);

    /** Deletes an object by key (an absent object is not an error). */
    void delete(String region, String key);

    /** The regions it stores in. */
    Set<String> regions();

    /** The object key of {@code name} for the tenant (docs/protocol.md, "Object layout"). */
    static String key(UUID tenantId, String name) {
        return "tenants/" + tenantId + "/" + name;
    }
}
