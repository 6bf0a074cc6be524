package dev.cairn.data.record;

import dev.cairn.data.chunk.ChunkId;
import java.util.UUID;

/**
 * A chunk on the data topic, format v1: the Kafka key is the chunk id, the value its sealed envelope, and the
 * headers say whose it is and prove it (docs/protocol.md, "Chunk record v1").
 *
 * @param tenantId the tenant the agent writes for
 * @param agentId the agent (its cluster id), whose MAC key signs the record
 * @param backupId the backup this chunk was written for
 * @param chunkId the chunk id (the record key)
 * @param envelope the sealed chunk (the record value)
 */
public record ChunkRecordV1(UUID tenantId, UUID agentId, UUID backupId, ChunkId chunkId, byte[] envelope) {
    public static final String VERSION = "1";

    /** Header names. */
    public static final String H_VERSION = "cairn.v";

    public static final String H_TENANT = "cairn.tenant";
    public static final String H_AGENT = "cairn.agent";
    public static final String H_BACKUP = "cairn.backup";
    public static final String H_MAC = "cairn.mac";
}
