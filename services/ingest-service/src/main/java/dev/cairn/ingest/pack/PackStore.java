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

    /** Writes an object of the tenant from a local file (a manifest too large to hold in memory). */
    void put(String region, UUID tenantId, String name, java.nio.file.Path content);

    /** Writes an object by key with the MD5 of its bytes (base64), which the store checks on receipt. */
    void put(String region, String key, byte[] content, String md5Base64);

    /** An object's size and entity tag (the hex MD5 of its bytes for a single-part upload); empty when absent. */
    java.util.Optional<Head> head(String region, String key);

    /** What {@link #head} answers. */
    record Head(long size, String etag) {}

    /** Reads a whole object by key; empty when there is none (a store that does not answer throws). */
    default java.util.Optional<byte[]> get(String region, String key) {
        return fetch(region, key).map(Fetched::bytes);
    }

    /** Reads a whole object by key with its entity tag; empty when there is none. */
    java.util.Optional<Fetched> fetch(String region, String key);

    /** What {@link #fetch} answers: the object's bytes and entity tag (unquoted). */
    record Fetched(byte[] bytes, String etag) {}

    /** Reads {@code length} bytes of an object from {@code offset} (a ranged GET). */
    byte[] read(String region, String key, long offset, int length);

    /** Every object of the region's bucket under {@code prefix}. */
    List<StoredObject> list(String region, String prefix);

    /** Deletes an object by key (an absent object is not an error). */
    void delete(String region, String key);

    /** Whether the region's store answers now (its bucket can be read). */
    boolean reachable(String region);

    /** The regions it stores in. */
    Set<String> regions();

    /** What a pack's index object adds to the pack's name or key: {@code packs/<id>} has {@code packs/<id>.index}. */
    String INDEX_SUFFIX = ".index";

    /** The name of pack {@code id} under its tenant's prefix ({@link #key}). */
    static String packName(UUID id) {
        return "packs/" + id;
    }

    /** The name, or key, of the index of the pack so named or keyed. */
    static String indexOf(String pack) {
        return pack + INDEX_SUFFIX;
    }

    /** The object key of {@code name} for the tenant (docs/protocol.md, "Object layout"). */
    static String key(UUID tenantId, String name) {
        return "tenants/" + tenantId + "/" + name;
    }
}
