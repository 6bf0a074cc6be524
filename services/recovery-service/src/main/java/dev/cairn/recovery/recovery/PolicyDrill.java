package dev.cairn.recovery.recovery;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/**
 * A policy's restore drill, as the scheduler asks for it after a run that made a backup (internal API).
 *
 * @param runId the run: one drill per run, however often the scheduler asks
 * @param backupId the run's backup
 * @param targetClusterId the cluster the drill restores into
 * @param includeNamespaces the namespaces the policy backs up (globs); empty: all
 */
public record PolicyDrill(
        @NotNull UUID tenantId,
        @NotNull UUID policyId,
        @NotNull UUID runId,
        @NotNull UUID backupId,
        @NotNull UUID targetClusterId,
        @Size(max = 100) List<String> includeNamespaces) {}
