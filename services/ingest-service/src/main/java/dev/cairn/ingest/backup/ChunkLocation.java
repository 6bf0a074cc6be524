package dev.cairn.ingest.backup;

import dev.cairn.data.chunk.ChunkId;
import java.util.UUID;

/**
 * Where a chunk's envelope is: {@code length} bytes at {@code offset} of a pack object, in its home {@code region}
 * and in the regions it is copied to ({@code copies}, the DR region once replicated).
 */
public record ChunkLocation(
        ChunkId id,
        UUID packId,
        String region,
        String objectKey,
        long offset,
        int length,
        java.util.List<String> copies) {}
