package dev.cairn.recovery.recovery;

import dev.cairn.api.agent.command.RestoreSpec;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A recovery as a tenant asks for it ({@code POST /api/v1/recoveries}): a backup, named or the latest Completed one
 * of a cluster, restored into a target cluster of the tenant (any cluster, in any region) with the restore's options.
 *
 * @param backupId the backup to restore
 * @param latestOfCluster instead of {@code backupId}: the latest Completed backup of this cluster, when asked
 * @param targetClusterId the cluster to restore into
 * @param includeNamespaces namespaces of the backup to restore, globs; empty means all
 * @param namespaceMapping backed-up namespace to target namespace
 * @param storageClassMapping backed-up storage class to target storage class
 * @param existingResourcePolicy SKIP (default) or UPDATE an object that exists in the target
 * @param volumes restore the data of the claims it creates (absent: true)
 */
public record NewRecovery(
        UUID backupId,
        UUID latestOfCluster,
        @NotNull UUID targetClusterId,
        List<String> includeNamespaces,
        Map<String, String> namespaceMapping,
        Map<String, String> storageClassMapping,
        String existingResourcePolicy,
        Boolean volumes) {

    @AssertTrue(message = "name the backup: backupId, or latestOfCluster for the latest Completed backup of a cluster")
    boolean isBackupNamedOnce() {
        return (backupId == null) != (latestOfCluster == null);
    }

    /** The RESTORE command's spec for the backup this request resolves to. */
    public RestoreSpec spec(UUID backup) {
        return new RestoreSpec(
                backup,
                includeNamespaces,
                namespaceMapping,
                storageClassMapping,
                existingResourcePolicy,
                false,
                volumes);
    }
}
