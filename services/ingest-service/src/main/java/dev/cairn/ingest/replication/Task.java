package dev.cairn.ingest.replication;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A replication task as the replicator takes it.
 *
 * @param id its place in the queue
 * @param tenantId whose object
 * @param key the object's key (the same in every region)
 * @param action COPY to the DR region, or DELETE the copies
 * @param bytes the object's size (COPY)
 * @param attempts how often it failed before
 * @param createdAt when the catalog wrote it
 * @param copies the regions the object is copied to already (its {@code object_copy} rows)
 */
public record Task(
        long id,
        UUID tenantId,
        String key,
        Action action,
        long bytes,
        int attempts,
        Instant createdAt,
        List<String> copies) {

    /** What a task asks for. */
    public enum Action {
        /** Copy the object from its home region to the tenant's DR region. */
        COPY,
        /** Delete the object's copies (its home object is deleted by whoever forgot it). */
        DELETE
    }
}
