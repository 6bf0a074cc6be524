package dev.cairn.data.chunk;

import java.util.Arrays;
import java.util.HexFormat;

/** A chunk's id: HMAC-SHA-256 of its plaintext under the tenant's chunk-id key (32 bytes). */
public final class ChunkId implements Comparable<ChunkId> {
    public static final int LENGTH = 32;

    private final byte[] bytes;

    private ChunkId(byte[] bytes) {
        this.bytes = bytes;
    }

    public static ChunkId of(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("a chunk id has 32 bytes, not " + bytes.length);
        }
        return new ChunkId(bytes.clone());
    }

    public static ChunkId parse(String hex) {
        return of(HexFormat.of().parseHex(hex));
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChunkId other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public int compareTo(ChunkId other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
