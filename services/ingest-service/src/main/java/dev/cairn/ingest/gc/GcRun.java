package dev.cairn.ingest.gc;

import java.time.Instant;
import java.util.UUID;

/**
 * What one collection run did (or, in a dry run, would do) for one tenant.
 *
 * @param runId the run
 * @param tenantId the tenant
 * @param startedAt when the run started
 * @param finishedAt when the tenant's part of it finished
 * @param chunksSwept chunks referenced by no backup, past the safety window, removed from the chunk index
 * @param sweptBytes their stored bytes
 * @param packsRewritten packs whose live chunks were copied into a new pack, the old one retired
 * @param packsEmptied packs left with no live chunk, retired
 * @param objectsDeleted objects of packs retired at least the grace period ago, deleted from the bucket
 * @param reclaimedBytes how far the tenant's stored bytes fell (estimated in a dry run)
 */
public record GcRun(
        UUID runId,
        UUID tenantId,
        Instant startedAt,
        Instant finishedAt,
        long chunksSwept,
        long sweptBytes,
        int packsRewritten,
        int packsEmptied,
        int objectsDeleted,
        long reclaimedBytes) {}
