package dev.cairn.ingest.pack;

import dev.cairn.data.chunk.ChunkId;
import dev.cairn.data.record.PackReferenceV3;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A pack in the making: chunk envelopes of one tenant, concatenated (pack v1), with its index. The index object
 * ({@code packs/<id>.index}) lists each chunk's id, offset and length as text lines, so that the bucket alone
 * describes what each pack holds. A pack its agent uploaded itself ({@link #uploaded}, ADR 0025) has the same layout
 * and index; ingest holds only its index, never its bytes.
 */
public final class Pack {
    private final UUID id;
    private final boolean uploaded;
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
        this(UUID.randomUUID(), tenantId, region, false);
    }

    private Pack(UUID id, UUID tenantId, String region, boolean uploaded) {
        this.id = id;
        this.tenantId = tenantId;
        this.region = region;
        this.uploaded = uploaded;
    }

    /**
     * A pack already in the object store, uploaded by its agent and announced by {@code reference}: its id is its
     * upload slot's, its chunks' envelopes lie back to back in the reference's order.
     */
    public static Pack uploaded(UUID tenantId, String region, PackReferenceV3 reference) {
        Pack pack = new Pack(reference.packId(), tenantId, region, true);
        for (PackReferenceV3.Entry e : reference.chunks()) {
            pack.entries.add(new Entry(e.id(), pack.size, e.length()));
            pack.ids.add(e.id());
            pack.size += e.length();
        }
        return pack;
    }

    /** Whether its agent uploaded it (ingest has its index only). */
    public boolean uploaded() {
        return uploaded;
    }

    /** Adds a chunk unless the pack already has it; true when added. */
    public boolean add(ChunkId chunkId, byte[] envelope) {
        if (uploaded) {
            throw new IllegalStateException("pack " + id + " was uploaded by its agent: it takes no more chunks");
        }
        if (!ids.add(chunkId)) {
            return false;
        }
        entries.add(new Entry(chunkId, size, envelope.length));
        envelopes.add(envelope);
        size += envelope.length;
        return true;
    }

    /**
     * This pack with only the chunks in {@code keep} (the ones the catalog lacks); itself when it keeps them all, and
     * an uploaded pack always (its object is what it is: chunks the catalog has are dead bytes until repacked).
     */
    public Pack retain(Set<ChunkId> keep) {
        if (uploaded || keep.containsAll(ids)) {
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
        if (uploaded) {
            throw new IllegalStateException("pack " + id + " was uploaded by its agent: ingest does not hold it");
        }
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
