package dev.cairn.data.chunking;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a stream into content-defined chunks with bounded memory: one buffer of twice the maximum chunk size,
 * reused. Each {@link #next()} answers the next chunk (valid until the following call) or null at the end.
 */
public final class Chunker {
    /**
     * Bytes per read at most: a channel reads into a heap array through a temporary direct buffer of the read's
     * size, which the JDK keeps for reuse only up to {@code jdk.nio.maxCachedBufferSize} (256 KiB in the agent's
     * settings); larger reads allocate, zero and free megabytes of native memory each time.
     */
    private static final int READ_SIZE = 256 * 1024;

    private final FastCdc cdc;
    private final InputStream in;
    private final byte[] buffer;
    private int start;
    private int end;
    private boolean eof;
    private long position;

    public Chunker(FastCdc cdc, InputStream in) {
        this(cdc, in, new byte[cdc.maxSize() * 2]);
    }

    /** A chunker that uses {@code buffer} (at least twice the maximum chunk size), so that callers can reuse one. */
    public Chunker(FastCdc cdc, InputStream in, byte[] buffer) {
        if (buffer.length < cdc.maxSize() * 2) {
            throw new IllegalArgumentException("the buffer must hold twice the maximum chunk size");
        }
        this.cdc = cdc;
        this.in = in;
        this.buffer = buffer;
    }

    /** A chunk: {@code length} bytes of {@code data} from {@code offset}; {@code position} in the stream. */
    public record Chunk(byte[] data, int offset, int length, long position) {
        public byte[] copy() {
            return Arrays.copyOfRange(data, offset, offset + length);
        }
    }

    /** The next chunk, or null when the stream is exhausted. */
    public Chunk next() throws IOException {
        if (end - start < cdc.maxSize() && !eof) {
            fill();
        }
        int available = end - start;
        if (available == 0) {
            return null;
        }
        int length = cdc.cut(buffer, start, available);
        Chunk chunk = new Chunk(buffer, start, length, position);
        start += length;
        position += length;
        return chunk;
    }

    private void fill() throws IOException {
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        while (end < buffer.length) {
            int read = in.read(buffer, end, Math.min(READ_SIZE, buffer.length - end));
            if (read < 0) {
                eof = true;
                return;
            }
            end += read;
        }
    }
}
