package dev.cairn.ingest.backup;

import dev.cairn.data.chunk.ChunkId;
import java.util.UUID;

/** Where a chunk's envelope is: {@code length} bytes at {@code offset} of a pack object. */
public record ChunkLocation(ChunkId id, UUID packId, String region, String objectKey, long offset, int length) {}
