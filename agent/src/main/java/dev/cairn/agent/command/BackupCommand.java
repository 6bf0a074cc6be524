package dev.cairn.agent.command;

import dev.cairn.agent.backup.BackupRun;
import dev.cairn.agent.kube.ResourceSource;
import dev.cairn.agent.kube.Selection;
import dev.cairn.agent.progress.Progress;
import dev.cairn.agent.runtime.AgentRuntime;
import dev.cairn.agent.volume.VolumeBackups;
import dev.cairn.api.agent.command.BackupReport;
import dev.cairn.api.agent.command.BackupSpec;
import dev.cairn.api.agent.command.CommandPhase;
import dev.cairn.api.agent.command.StatusReport;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.util.List;

/**
 * A BACKUP command: the selected Kubernetes objects as one backup (with the index of the pod volume backups, when
 * volumes are asked for), each selected pod volume as a backup of its own made by the node agents.
 */
public final class BackupCommand {
    private final KubernetesClient kube;
    private final AgentRuntime runtime;
    private final VolumeBackups volumes;

    /**
     * @param volumes the node agents' volume backups; null where there are none (a workstation's {@code cairn backup
     *     local --kubernetes}): a spec asking for volume data is then refused
     */
    public BackupCommand(KubernetesClient kube, AgentRuntime runtime, VolumeBackups volumes) {
        this.kube = kube;
        this.runtime = runtime;
        this.volumes = volumes;
    }

    /**
     * Runs the backup for a command that came in the trace {@code traceparent} (null: none); the answer is the final
     * report (phase, message, report), without progress.
     */
    public StatusReport run(BackupSpec spec, Progress progress, String traceparent) throws IOException {
        if (spec.volumes() && volumes == null) {
            throw new IllegalArgumentException("volume data is backed up by the node agents of an installed agent");
        }
        Selection selection = new Selection(
                spec.includeNamespaces(),
                spec.excludeNamespaces(),
                spec.labelSelector(),
                spec.includeResources(),
                spec.excludeResources(),
                spec.includeClusterResources());
        ResourceSource source = new ResourceSource(
                kube, selection, runtime.credentials().clusterId().toString());
        List<BackupReport.VolumeBackup> backedUp = null;
        if (spec.volumes()) {
            backedUp = volumes.backUp(selection, progress);
            source.withFile(VolumeBackups.INDEX, VolumeBackups.index(backedUp));
        }
        BackupRun.Result r = runtime.backup(source, progress, traceparent);
        boolean volumeFailed =
                backedUp != null && backedUp.stream().anyMatch(v -> !v.state().equals("Completed"));
        CommandPhase phase = CommandPhase.of(r.phase().outcome());
        if (phase == CommandPhase.Completed && volumeFailed) {
            phase = CommandPhase.PartiallyFailed;
        }
        String message = "backup " + r.id() + " " + r.phase() + (r.failure() == null ? "" : ": " + r.failure())
                + (backedUp == null
                        ? ""
                        : "; " + backedUp.size() + " volume(s)" + (volumeFailed ? ", not all backed up" : ""));
        BackupReport report = new BackupReport(
                r.id(),
                r.phase(),
                r.failure(),
                r.statistics(),
                r.messages(),
                r.readBytes(),
                r.cachedFiles(),
                r.timings(),
                r.seconds(),
                backedUp);
        return new StatusReport(phase, null, report, null, message);
    }
}
