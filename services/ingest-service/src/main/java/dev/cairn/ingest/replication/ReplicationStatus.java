package dev.cairn.ingest.replication;

import java.time.Instant;
import java.util.UUID;

/**
 * A tenant's replication now: how far its DR region is behind its home region (its recovery point objective, as
 * measured).
 *
 * @param tenantId the tenant
 * @param homeRegion where its backups are written
 * @param drRegion where they are copied to (null: not replicated)
 * @param objectsBehind objects committed but not copied yet
 * @param bytesBehind their bytes
 * @param lagSeconds seconds since the oldest of them was committed (0 when none): what a loss of the home region
 *     would lose now
 * @param oldestPendingAt when that was
 * @param lastCopiedAt when an object was last copied
 * @param lastError why the pending copies wait, when they failed
 */
public record ReplicationStatus(
        UUID tenantId,
        String homeRegion,
        String drRegion,
        long objectsBehind,
        long bytesBehind,
        double lagSeconds,
        Instant oldestPendingAt,
        Instant lastCopiedAt,
        String lastError) {}
