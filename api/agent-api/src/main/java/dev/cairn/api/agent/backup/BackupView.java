package dev.cairn.api.agent.backup;

import dev.cairn.data.manifest.BackupManifest;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A backup as the API shows it (to agents and tenants).
 *
 * @param failure why it failed, if it did
 * @param completedAt when the last referenced chunk became durable
 * @param statistics what the agent counted; absent until the manifest arrives
 * @param messages warnings and errors from the manifest
 * @param referenceCount chunks it references
 * @param root the chunk ids (hex) of its encrypted file tree; empty until the manifest arrives
 * @param leaseUntil while InProgress: until when the agent's lease holds it; the agent renews it, and a backup whose
 *     lease lapses (its agent was killed or lost the platform) ends Failed
 * @param immutableUntil when its policy makes it immutable: the date before which nobody can delete or change it (S3
 *     object lock holds its objects); null otherwise
 */
public record BackupView(
        UUID id,
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
        List<String> root,
        Instant leaseUntil,
        Instant immutableUntil) {}
