package dev.cairn.api.agent.command;

import dev.cairn.api.agent.backup.BackupPhase;
import dev.cairn.data.manifest.BackupManifest;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The final report of a BACKUP command: the backup of the cluster's resources, and one entry per pod volume.
 *
 * @param id the resource backup's id
 * @param phase its phase as the platform confirmed it
 * @param failure why it failed, if it did
 * @param statistics what it counted
 * @param messages warnings and errors (files that could not be read), at most 100
 * @param readBytes bytes read from the source (unchanged files come from the file cache)
 * @param cachedFiles files taken from the file cache without reading them
 * @param timings seconds per stage of the run
 * @param seconds the whole run
 * @param volumes the pod volumes backed up by the node agents
 */
public record BackupReport(
        UUID id,
        BackupPhase phase,
        String failure,
        BackupManifest.Statistics statistics,
        @Size(max = 100) List<String> messages,
        long readBytes,
        long cachedFiles,
        Map<String, Double> timings,
        double seconds,
        @Size(max = 10_000) List<VolumeBackup> volumes) {

    /**
     * One pod volume's backup.
     *
     * @param state Completed, PartiallyFailed, Failed, or Skipped with a message
     * @param backupId the volume's own backup, when one was made
     */
    public record VolumeBackup(
            String namespace,
            String pod,
            String volume,
            String claim,
            String node,
            String state,
            UUID backupId,
            String message,
            BackupManifest.Statistics statistics) {}
}
