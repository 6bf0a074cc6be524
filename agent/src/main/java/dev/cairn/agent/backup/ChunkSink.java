package dev.cairn.agent.backup;

import dev.cairn.data.chunk.SealedChunk;
import dev.cairn.data.record.PackReferenceV3;
import java.util.UUID;

/** Where sealed chunks go: the data topic, directly or as packs uploaded by the agent and announced there. */
public interface ChunkSink extends AutoCloseable {

    /** Sends a chunk of {@code backup}; blocks while the sink's bounded buffer is full. */
    void send(UUID backup, SealedChunk chunk);

    /** Announces a pack of {@code backup} that the agent uploaded itself (a pack reference record v3, ADR 0025). */
    void sendPack(UUID backup, PackReferenceV3 reference);

    /** Waits until everything sent is acknowledged; fails if anything was not. */
    void flush();

    @Override
    void close();
}
