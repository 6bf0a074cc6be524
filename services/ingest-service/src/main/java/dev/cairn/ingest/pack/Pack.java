package dev.cairn.ingest.pack;

import dev.cairn.data.chunk.ChunkId;
import java.io.ByteArrayOutputStream;
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
    private final ByteArrayOutputStream data = new ByteArrayOutputStream();
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
        entries.add(new Entry(chunkId, data.size(), envelope.length));
        data.writeBytes(envelope);
        return true;
    }

    /** This pack with only the chunks in {@code keep} (the ones the catalog lacks); itself when it keeps them all. */
    public Pack retain(Set<ChunkId> keep) {
        if (keep.containsAll(ids)) {
            return this;
        }
        byte[] source = data.toByteArray();
        Pack kept = new Pack(tenantId, region);
        for (Entry e : entries) {
            if (keep.contains(e.id())) {
                byte[] envelope = new byte[e.length()];
                System.arraycopy(source, (int) e.offset(), envelope, 0, e.length());
                kept.add(e.id(), envelope);
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

    public int size() {
        return data.size();
    }

    public byte[] data() {
        return data.toByteArray();
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
