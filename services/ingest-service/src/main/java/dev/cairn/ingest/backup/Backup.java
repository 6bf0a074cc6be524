package dev.cairn.ingest.backup;

import dev.cairn.api.agent.backup.BackupPhase;
import dev.cairn.data.chunk.ChunkId;
import dev.cairn.data.manifest.BackupManifest;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A backup as the catalog knows it.
 *
 * @param statistics null until the manifest arrives
 * @param root the chunk ids of the encrypted file tree; empty until the manifest arrives
 * @param lockedUntil the date before which object lock holds it and nothing deletes it (ADR 0033); null: not immutable
 */
public record Backup(
        UUID id,
        UUID tenantId,
        UUID clusterId,
        String source,
        BackupPhase phase,
        String failure,
        Instant startedAt,
        Instant finishedAt,
        Instant completedAt,
        BackupManifest.Statistics statistics,
        List<String> messages,
        int referenceCount,
        List<ChunkId> root,
        Instant leaseUntil,
        Instant lockedUntil) {}
