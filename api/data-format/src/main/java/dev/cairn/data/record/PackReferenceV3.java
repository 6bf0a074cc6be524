package dev.cairn.data.record;

import dev.cairn.data.chunk.ChunkId;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A pack the agent uploaded itself, announced on the data topic, format v3 (the claim-check: docs/protocol.md, "Pack
 * reference record v3"; ADR 0025). The pack's bytes went to the object store through the pre-signed URL of an upload
 * slot; this record carries what the platform needs to vouch for them: the pack id the slot named, the object's size
 * and MD5, and the chunk index (ids and envelope lengths; the envelopes lie back to back from offset 0, so the
 * lengths add up to the size). The headers are v1's ({@link ChunkRecordV1}) with {@code cairn.v} = {@value #VERSION};
 * the MAC covers the whole value ({@link RecordAuthenticator#macPackReference}).
 *
 * <p>Value: the ASCII bytes {@code PR}, the byte {@code 3}, the pack id (16 bytes), the size (8 bytes), the MD5 (16
 * bytes), the number of chunks (4 bytes, 1 to {@value #MAX_CHUNKS}), then per chunk its id (32 bytes) and its
 * envelope's length (4 bytes), all big-endian, nothing after them.
 *
 * @param packId the pack's id, from its upload slot
 * @param size the pack object's size in bytes
 * @param md5 the MD5 of the pack object's bytes (what a single-part PUT's entity tag is)
 * @param chunks the pack's chunks in the object's order
 */
public record PackReferenceV3(UUID packId, long size, byte[] md5, List<Entry> chunks) {
    public static final String VERSION = "3";

    /** The most chunks one pack reference may index. */
    public static final int MAX_CHUNKS = 65_536;

    private static final int HEADER = 3 + 16 + 8 + 16 + 4;
    private static final int ENTRY = ChunkId.LENGTH + 4;

    /** A chunk of the pack: its id and its envelope's length. */
    public record Entry(ChunkId id, int length) {}

    public PackReferenceV3 {
        chunks = List.copyOf(chunks);
        md5 = md5.clone();
        if (md5.length != 16) {
            throw new IllegalArgumentException("an MD5 has 16 bytes, not " + md5.length);
        }
        if (chunks.isEmpty() || chunks.size() > MAX_CHUNKS) {
            throw new IllegalArgumentException(
                    "a pack reference indexes 1 to " + MAX_CHUNKS + " chunks, not " + chunks.size());
        }
        long total = 0;
        for (Entry e : chunks) {
            if (e.length() <= 0) {
                throw new IllegalArgumentException("chunk " + e.id().hex() + " of the pack has no envelope");
            }
            total += e.length();
        }
        if (total != size) {
            throw new IllegalArgumentException(
                    "the pack's envelopes add up to " + total + " bytes, its size is " + size);
        }
    }

    @Override
    public byte[] md5() {
        return md5.clone();
    }

    /** Each chunk's offset in the pack: the sum of the envelopes before it. */
    public long[] offsets() {
        long[] offsets = new long[chunks.size()];
        long at = 0;
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = at;
            at += chunks.get(i).length();
        }
        return offsets;
    }

    /** The record value. */
    public byte[] encode() {
        ByteBuffer out = ByteBuffer.allocate(HEADER + chunks.size() * ENTRY);
        out.put((byte) 'P').put((byte) 'R').put((byte) 3);
        out.putLong(packId.getMostSignificantBits()).putLong(packId.getLeastSignificantBits());
        out.putLong(size).put(md5).putInt(chunks.size());
        for (Entry e : chunks) {
            out.put(e.id().bytes()).putInt(e.length());
        }
        return out.array();
    }

    /**
     * A record value's pack reference.
     *
     * @throws IllegalArgumentException when the value is not a well-formed pack reference v3 (its entries must fit
     *     the value exactly and their lengths add up to the size)
     */
    public static PackReferenceV3 decode(byte[] value) {
        if (value == null || value.length < HEADER || value[0] != 'P' || value[1] != 'R' || value[2] != 3) {
            throw new IllegalArgumentException("the value is not a pack reference v3");
        }
        ByteBuffer in = ByteBuffer.wrap(value);
        in.position(3);
        UUID pack = new UUID(in.getLong(), in.getLong());
        long size = in.getLong();
        byte[] md5 = new byte[16];
        in.get(md5);
        int count = in.getInt();
        if (count < 1 || count > MAX_CHUNKS || (long) HEADER + (long) count * ENTRY != value.length) {
            throw new IllegalArgumentException("a pack reference v3 of " + count + " chunks does not fit its value");
        }
        List<Entry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] id = new byte[ChunkId.LENGTH];
            in.get(id);
            entries.add(new Entry(ChunkId.of(id), in.getInt()));
        }
        return new PackReferenceV3(pack, size, md5, entries);
    }
}
