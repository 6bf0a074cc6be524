package dev.cairn.ingest.replication;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/** Replication as tenants see it: their lag, and whether a backup is protected in their DR region. */
@ApplicationScoped
public class Replication {
    private final ReplicationQueue queue;
    private final TenantRegions regions;

    public Replication(ReplicationQueue queue, TenantRegions regions) {
        this.queue = queue;
        this.regions = regions;
    }

    /** The tenant's replication now. */
    public ReplicationStatus status(UUID tenantId) {
        TenantRegions.Regions r = regions.find(tenantId).orElse(new TenantRegions.Regions(null, null));
        ReplicationQueue.Lag lag = queue.lag(tenantId);
        return new ReplicationStatus(
                tenantId,
                r.home(),
                r.replicated() ? r.dr() : null,
                lag.objectsBehind(),
                lag.bytesBehind(),
                lag.seconds(Instant.now()),
                lag.oldestPending(),
                lag.lastCopied(),
                lag.lastError());
    }

    /** Whether a backup that completed at {@code completedAt} (null: not completed) is protected in the DR region. */
    public BackupReplication backup(UUID tenantId, UUID backupId, Instant completedAt) {
        TenantRegions.Regions r = regions.find(tenantId).orElse(new TenantRegions.Regions(null, null));
        if (!r.replicated()) {
            return new BackupReplication(backupId, null, false);
        }
        return new BackupReplication(backupId, r.dr(), completedAt != null && queue.copiedUpTo(tenantId, completedAt));
    }
}
