package dev.cairn.api.agent.backup;

import java.time.Instant;
import java.util.List;

/**
 * Where chunks of a backup are ({@code POST /api/v1/backups/{id}/locations}): pre-signed GET URLs of the packs that
 * hold them, each chunk's range in its pack, and the ids the catalog does not know.
 *
 * @param expiresAt when the URLs stop working
 * @param packs pre-signed URLs, indexed by {@link Chunk#pack()}
 */
public record Locations(Instant expiresAt, List<String> packs, List<Chunk> chunks, List<String> missing) {

    /**
     * One chunk's place.
     *
     * @param id the chunk id (hex)
     * @param pack the index of its pack's URL in {@code packs}
     * @param offset where its envelope starts in the pack
     * @param length the envelope's length
     */
    public record Chunk(String id, int pack, long offset, int length) {}
}
