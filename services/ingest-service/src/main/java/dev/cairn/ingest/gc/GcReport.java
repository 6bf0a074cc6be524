package dev.cairn.ingest.gc;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A collection run: per tenant what it swept and gave back, and the totals.
 *
 * @param runId the run
 * @param dryRun true when nothing was changed (what would be done)
 * @param startedAt when it started
 * @param finishedAt when it finished
 * @param chunksSwept chunks swept, all tenants
 * @param reclaimedBytes stored bytes given back, all tenants
 * @param tenants each tenant it looked at
 */
public record GcReport(
        UUID runId,
        boolean dryRun,
        Instant startedAt,
        Instant finishedAt,
        long chunksSwept,
        long reclaimedBytes,
        List<GcRun> tenants) {

    static GcReport of(UUID runId, boolean dryRun, Instant startedAt, List<GcRun> tenants) {
        return new GcReport(
                runId,
                dryRun,
                startedAt,
                Instant.now(),
                tenants.stream().mapToLong(GcRun::chunksSwept).sum(),
                tenants.stream().mapToLong(GcRun::reclaimedBytes).sum(),
                List.copyOf(tenants));
    }
}
