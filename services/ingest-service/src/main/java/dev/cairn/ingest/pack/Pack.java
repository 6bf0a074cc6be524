package dev.cairn.ingest.pack;

import dev.cairn.data.chunk.ChunkId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A pack in the making: chunk envelopes of one tenant, concatenated (pack v1), with its index. The index object
 * ({@code packs/<id>.index}) lists each chunk's id, offset and length as text lines, so that the bucket alone
 * describes what each pack holds.
 */
public final class Pack {
    private final UUID id = UUID.randomUUID();
    private final UUID tenantId;
    private final String region;
    /** The envelopes in order, as received: concatenated only on their way out, never copied to grow a buffer. */
    private final List<byte[]> envelopes = new ArrayList<>();

    private long size;
    private final List<Entry> entries = new ArrayList<>();
    private final Set<ChunkId> ids = new HashSet<>();

    /** A chunk's place in the pack. */
    public record Entry(ChunkId id, long offset, int length) {}

    public Pack(UUID tenantId, String region) {
        this.tenantId = tenantId;
        this.region = region;
    }

    /** Adds a chunk unless the pack already has it; true when added. */
    public boolean add(ChunkId chunkId, byte[] envelope) {
        if (!ids.add(chunkId)) {
            return false;
        }
        entries.add(new Entry(chunkId, size, envelope.length));
        envelopes.add(envelope);
        size += envelope.length;
        return true;
    }

    /** This pack with only the chunks in {@code keep} (the ones the catalog lacks); itself when it keeps them all. */
    public Pack retain(Set<ChunkId> keep) {
        if (keep.containsAll(ids)) {
            return this;
        }
        Pack kept = new Pack(tenantId, region);
        for (int i = 0; i < entries.size(); i++) {
            if (keep.contains(entries.get(i).id())) {
                kept.add(entries.get(i).id(), envelopes.get(i));
            }
        }
        return kept;
    }

    public UUID id() {
        return id;
    }

    public UUID tenantId() {
        return tenantId;
    }

    public String region() {
        return region;
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    public long size() {
        return size;
    }

    /** The pack object's bytes in one array (a copy). */
    public byte[] data() {
        byte[] data = new byte[Math.toIntExact(size)];
        int at = 0;
        for (byte[] envelope : envelopes) {
            System.arraycopy(envelope, 0, data, at, envelope.length);
            at += envelope.length;
        }
        return data;
    }

    /** The index object: a header line, then {@code <chunk id hex> <offset> <length>} per chunk. */
    public byte[] index() {
        StringBuilder index = new StringBuilder("cairn-pack-index v1 ")
                .append(id)
                .append(' ')
                .append(tenantId)
                .append('\n');
        for (Entry e : entries) {
            index.append(e.id().hex())
                    .append(' ')
                    .append(e.offset())
                    .append(' ')
                    .append(e.length())
                    .append('\n');
        }
        return index.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
