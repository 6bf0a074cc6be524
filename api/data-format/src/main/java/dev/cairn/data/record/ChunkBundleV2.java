package dev.cairn.data.record;

import dev.cairn.data.chunk.ChunkId;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Chunks of one backup on the data topic, format v2: one record carries many sealed chunks, so that a small file
 * costs its agent, the broker and ingest a few bytes of a record rather than a record (docs/protocol.md, "Chunk
 * record v2"; ADR 0023). The headers are v1's ({@link ChunkRecordV1}) with {@code cairn.v} = {@value #VERSION}; the
 * MAC covers the whole value ({@link RecordAuthenticator#mac(byte[], UUID, UUID, UUID, byte[])}).
 *
 * <p>Value: the ASCII bytes {@code CB}, the byte {@code 2}, the number of chunks (4 bytes, big-endian, 1 to
 * {@value #MAX_CHUNKS}), then per chunk its id (32 bytes) and its envelope's length (4 bytes, big-endian), then the
 * envelopes in that order, nothing after them.
 *
 * @param tenantId the tenant the agent writes for
 * @param agentId the agent (its cluster id), whose MAC key signs the record
 * @param backupId the backup these chunks were written for
 * @param chunks the chunks, in the value's order
 */
public record ChunkBundleV2(UUID tenantId, UUID agentId, UUID backupId, List<Chunk> chunks) {
    public static final String VERSION = "2";

    /** The most chunks one record may carry. */
    public static final int MAX_CHUNKS = 16_384;

    /** The value size an agent closes a record at (a larger chunk travels alone). */
    public static final int TARGET_BYTES = 1 << 20;

    /** What a chunk adds to a value besides its envelope: its id and length in the index. */
    public static final int ENTRY = ChunkId.LENGTH + 4;

    private static final int HEADER = 3 + 4;

    /** One chunk of a bundle: its id and sealed envelope (docs/protocol.md, "Chunk envelope v1"). */
    public record Chunk(ChunkId id, byte[] envelope) {}

    public ChunkBundleV2 {
        chunks = List.copyOf(chunks);
        if (chunks.isEmpty() || chunks.size() > MAX_CHUNKS) {
            throw new IllegalArgumentException("a bundle holds 1 to " + MAX_CHUNKS + " chunks, not " + chunks.size());
        }
    }

    /** The record value. */
    public byte[] encode() {
        long size = HEADER + (long) chunks.size() * ENTRY;
        for (Chunk c : chunks) {
            size += c.envelope().length;
        }
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(size));
        out.put((byte) 'C').put((byte) 'B').put((byte) 2).putInt(chunks.size());
        for (Chunk c : chunks) {
            out.put(c.id().bytes()).putInt(c.envelope().length);
        }
        for (Chunk c : chunks) {
            out.put(c.envelope());
        }
        return out.array();
    }

    /**
     * The chunks of a record value; each envelope is a copy of its range.
     *
     * @throws IllegalArgumentException when the value is not a well-formed bundle v2 (nothing is trusted before the
     *     lengths add up to the value exactly)
     */
    public static List<Chunk> decode(byte[] value) {
        if (value == null || value.length < HEADER || value[0] != 'C' || value[1] != 'B' || value[2] != 2) {
            throw new IllegalArgumentException("the value is not a chunk bundle v2");
        }
        ByteBuffer in = ByteBuffer.wrap(value);
        in.position(3);
        int count = in.getInt();
        if (count < 1 || count > MAX_CHUNKS || (long) HEADER + (long) count * ENTRY > value.length) {
            throw new IllegalArgumentException("a chunk bundle v2 of " + count + " chunks does not fit its value");
        }
        byte[][] ids = new byte[count][];
        int[] lengths = new int[count];
        long total = HEADER + (long) count * ENTRY;
        for (int i = 0; i < count; i++) {
            ids[i] = new byte[ChunkId.LENGTH];
            in.get(ids[i]);
            lengths[i] = in.getInt();
            if (lengths[i] <= 0) {
                throw new IllegalArgumentException("chunk " + i + " of the bundle has no envelope");
            }
            total += lengths[i];
        }
        if (total != value.length) {
            throw new IllegalArgumentException(
                    "the bundle's lengths add up to " + total + " bytes, its value has " + value.length);
        }
        List<Chunk> chunks = new ArrayList<>(count);
        int at = in.position();
        for (int i = 0; i < count; i++) {
            chunks.add(new Chunk(ChunkId.of(ids[i]), Arrays.copyOfRange(value, at, at + lengths[i])));
            at += lengths[i];
        }
        return chunks;
    }
}
