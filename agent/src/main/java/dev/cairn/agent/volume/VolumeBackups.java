package dev.cairn.agent.volume;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.cairn.agent.json.Json;
import dev.cairn.agent.kube.Selection;
import dev.cairn.agent.progress.Progress;
import dev.cairn.api.agent.command.BackupReport.VolumeBackup;
import dev.cairn.data.manifest.BackupManifest;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The agent's side of pod volume backups: hands the selected pods' volumes to the node agents ({@link VolumeTasks})
 * and waits for them. The answer, one entry per volume (where it was, its state, its backup and statistics), is also
 * the index a resource backup keeps as {@link #INDEX}, which a restore reads to find each claim's data.
 */
public final class VolumeBackups {
    /** The file at the top of a resource backup that lists its pod volume backups. */
    public static final String INDEX = "volumes.json";

    private final KubernetesClient kube;
    private final String namespace;
    private final Duration startTimeout;

    /**
     * @param namespace the agent's namespace, where volume tasks are kept
     * @param startTimeout how long a task may wait for a node agent to take it
     */
    public VolumeBackups(KubernetesClient kube, String namespace, Duration startTimeout) {
        this.kube = kube;
        this.namespace = namespace;
        this.startTimeout = startTimeout;
    }

    /** Backs the volumes of the pods {@code selection} takes up, adding their progress to {@code progress}. */
    public List<VolumeBackup> backUp(Selection selection, Progress progress) {
        List<PodVolumes.Wanted> wanted = PodVolumes.wanted(kube, selection);
        List<VolumeBackup> out = new ArrayList<>();
        if (wanted.isEmpty()) {
            return out;
        }
        VolumeTasks tasks = new VolumeTasks(kube, namespace);
        progress.stage("backing up " + wanted.size() + " pod volume(s) on the nodes");
        String run = tasks.create(wanted);
        try {
            for (VolumeTasks.Task t : tasks.await(run, progress, startTimeout)) {
                String statistics = t.get("statistics");
                String backupId = t.get("backupId");
                out.add(new VolumeBackup(
                        t.volume().namespace(),
                        t.volume().pod(),
                        t.volume().volume(),
                        t.volume().claim(),
                        t.volume().node(),
                        t.state().name(),
                        backupId == null ? null : java.util.UUID.fromString(backupId),
                        t.get("message"),
                        statistics == null
                                ? null
                                : Json.MAPPER.readValue(statistics, BackupManifest.Statistics.class)));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            tasks.delete(run);
        }
    }

    /** The index as a resource backup keeps it. */
    public static byte[] index(List<VolumeBackup> volumes) throws IOException {
        return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(volumes);
    }

    /** Reads the index a resource backup kept. */
    public static List<VolumeBackup> readIndex(byte[] index) throws IOException {
        return Json.MAPPER.readValue(index, new TypeReference<List<VolumeBackup>>() {});
    }
}
