package dev.cairn.data.chunk;

/**
 * A chunk ready to leave the agent.
 *
 * @param id its id (keyed hash of the plaintext)
 * @param envelope the sealed bytes (format: docs/protocol.md, "Chunk envelope v1")
 * @param plainLength the plaintext's length
 * @param compressed true when zstd made it smaller and it is stored compressed
 */
public record SealedChunk(ChunkId id, byte[] envelope, int plainLength, boolean compressed) {}
