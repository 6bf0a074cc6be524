package dev.cairn.agent.command;

import dev.cairn.agent.kube.ResourceRestore;
import dev.cairn.agent.kube.ResourceSource;
import dev.cairn.agent.kube.RestoreOptions;
import dev.cairn.agent.progress.Progress;
import dev.cairn.agent.restore.BackupFiles;
import dev.cairn.agent.runtime.AgentRuntime;
import dev.cairn.agent.volume.VolumeBackups;
import dev.cairn.agent.volume.VolumeRestores;
import dev.cairn.api.agent.command.CommandPhase;
import dev.cairn.api.agent.command.RestoreReport;
import dev.cairn.api.agent.command.RestoreSpec;
import dev.cairn.api.agent.command.StatusReport;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * A RESTORE command: the backup's Kubernetes objects in dependency order with the spec's mappings and policy (or
 * only a preview of it), then the data of the claims it created from their volume backups.
 */
public final class RestoreCommand {
    /** The most items a report carries; the rest are counted in {@code itemsTruncated}. */
    static final int MAX_REPORT_ITEMS = 2000;

    private final KubernetesClient kube;
    private final AgentRuntime runtime;
    private final VolumeRestores volumes;

    /**
     * @param volumes the node agents' volume restores; null where there are none (a workstation's {@code cairn
     *     restore local --kubernetes}): volume data is then not restored, as if the spec said so
     */
    public RestoreCommand(KubernetesClient kube, AgentRuntime runtime, VolumeRestores volumes) {
        this.kube = kube;
        this.runtime = runtime;
        this.volumes = volumes;
    }

    /**
     * Deletes the namespaces this restore created (and only those: a namespace that existed before is never touched),
     * as a drill's clean-up; answers those whose deletion the API server accepted.
     */
    private List<String> removeCreatedNamespaces(RestoreReport r) {
        List<String> removed = new java.util.ArrayList<>();
        for (RestoreReport.Item i : r.items()) {
            if (i.action() == RestoreReport.Action.CREATE && i.type().equals("namespaces")) {
                try {
                    kube.namespaces().withName(i.name()).delete();
                    removed.add(i.name());
                } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
                    // left for the report's reader: it is not in the list of removed namespaces
                }
            }
        }
        return removed;
    }

    /** Runs the restore; the answer is the final report (phase, message, report), without progress. */
    public StatusReport run(RestoreSpec spec, Progress progress) throws IOException {
        Map<String, byte[]> files = BackupFiles.read(
                runtime.credentials(),
                runtime.platform(),
                runtime.state(),
                spec.backupId(),
                p -> p.equals(ResourceSource.INDEX)
                        || p.equals(VolumeBackups.INDEX)
                        || p.startsWith(ResourceSource.RESOURCES + "/"),
                64L << 20);
        byte[] volumeIndex = files.remove(VolumeBackups.INDEX);
        progress.totalFiles.set(files.size() - 1L);
        RestoreOptions options = new RestoreOptions(
                spec.includeNamespaces(),
                spec.namespaceMapping(),
                spec.storageClassMapping(),
                spec.existingResourcePolicy() == null
                        ? null
                        : RestoreOptions.ExistingPolicy.valueOf(spec.existingResourcePolicy()),
                spec.preview(),
                null,
                spec.namespacePrefix(),
                spec.includeClusterResources());
        RestoreReport r = new ResourceRestore(kube, options, progress.files).run(files);
        List<RestoreReport.VolumeRestore> restored = null;
        if (!r.preview() && volumeIndex != null && spec.restoresVolumes() && volumes != null) {
            restored = volumes.restore(VolumeBackups.readIndex(volumeIndex), r.items(), options, progress);
        }
        RestoreReport report = r.withVolumes(restored, MAX_REPORT_ITEMS);
        if (spec.removesAfter() && !r.preview()) {
            report = report.withRemoved(removeCreatedNamespaces(r));
        }
        CommandPhase phase = CommandPhase.of(r.phase());
        if (phase == CommandPhase.Completed
                && restored != null
                && restored.stream().anyMatch(v -> v.state().equals("Failed"))) {
            phase = CommandPhase.PartiallyFailed;
        }
        String message = (r.preview() ? "preview: would create " : "created ") + r.created() + ", "
                + (r.preview() ? "update " : "updated ") + r.updated() + ", skip " + r.skipped() + ", failed "
                + r.failed() + (restored == null ? "" : "; " + restored.size() + " volume(s)")
                + (spec.removesAfter() && !r.preview()
                        ? "; removed " + report.removedNamespaces().size() + " namespace(s)"
                        : "");
        return new StatusReport(phase, null, null, report, message);
    }
}
