package dev.cairn.recovery.recovery;

import dev.cairn.api.agent.command.RestoreSpec;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A recovery as a tenant asks for it ({@code POST /api/v1/recoveries}): a backup, named or the latest Completed one
 * of a cluster, restored into a target cluster of the tenant (any cluster, in any region) with the restore's options.
 *
 * @param backupId the backup to restore
 * @param latestOfCluster instead of {@code backupId}: the latest Completed backup of this cluster, when asked
 * @param latestOfPolicy instead of {@code backupId}: the backup of this policy's newest Completed run that still
 *     exists, when asked
 * @param targetClusterId the cluster to restore into
 * @param includeNamespaces namespaces of the backup to restore, globs; empty means all
 * @param namespaceMapping backed-up namespace to target namespace
 * @param storageClassMapping backed-up storage class to target storage class
 * @param existingResourcePolicy SKIP (default) or UPDATE an object that exists in the target
 * @param volumes restore the data of the claims it creates (absent: true)
 * @param drill a restore drill: every namespace is restored into a scratch namespace ({@code drill-<token>-<name>}),
 *     verified, then the scratch namespaces are deleted; no namespace mapping then
 * @param includeClusterResources cluster-scoped objects: true all, false none, absent as {@link
 *     RestoreSpec#includeClusterResources()} says
 */
public record NewRecovery(
        UUID backupId,
        UUID latestOfCluster,
        UUID latestOfPolicy,
        @NotNull UUID targetClusterId,
        List<String> includeNamespaces,
        Map<String, String> namespaceMapping,
        Map<String, String> storageClassMapping,
        String existingResourcePolicy,
        Boolean volumes,
        Boolean drill,
        Boolean includeClusterResources) {

    @AssertTrue(
            message = "name the backup once: backupId, latestOfCluster for the latest Completed backup of a cluster, or"
                    + " latestOfPolicy for the backup of a policy's newest Completed run")
    boolean isBackupNamedOnce() {
        return Stream.of(backupId, latestOfCluster, latestOfPolicy)
                        .filter(Objects::nonNull)
                        .count()
                == 1;
    }

    @AssertTrue(message = "a drill restores into scratch namespaces of its own: give no namespaceMapping")
    boolean isDrillUnmapped() {
        return !isDrill() || namespaceMapping == null || namespaceMapping.isEmpty();
    }

    /** Whether this is a restore drill. */
    public boolean isDrill() {
        return drill != null && drill;
    }

    /**
     * The RESTORE command's spec for the backup this request resolves to; a drill's restores every namespace under
     * {@code scratchPrefix} and removes what it created.
     */
    public RestoreSpec spec(UUID backup, String scratchPrefix) {
        return new RestoreSpec(
                backup,
                includeNamespaces,
                namespaceMapping,
                storageClassMapping,
                existingResourcePolicy,
                false,
                volumes,
                isDrill() ? scratchPrefix : null,
                isDrill() ? Boolean.TRUE : null,
                includeClusterResources);
    }
}
