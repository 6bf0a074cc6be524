package dev.cairn.agent.backup;

import dev.cairn.data.chunk.SealedChunk;
import java.util.UUID;

/** Where sealed chunks go: the data topic. */
public interface ChunkSink extends AutoCloseable {

    /** Sends a chunk of {@code backup}; blocks while the sink's bounded buffer is full. */
    void send(UUID backup, SealedChunk chunk);

    /** Waits until everything sent is acknowledged; fails if anything was not. */
    void flush();

    @Override
    void close();
}
