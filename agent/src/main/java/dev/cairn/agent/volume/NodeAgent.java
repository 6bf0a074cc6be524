package dev.cairn.agent.volume;

import dev.cairn.agent.backup.BackupRun;
import dev.cairn.agent.credentials.CredentialSecret;
import dev.cairn.agent.json.Json;
import dev.cairn.agent.log.AgentLog;
import dev.cairn.agent.progress.Progress;
import dev.cairn.agent.restore.RestoreRun;
import dev.cairn.agent.runtime.AgentRuntime;
import dev.cairn.agent.source.LocalDirectorySource;
import dev.cairn.agent.source.NamedSource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The node agent (the chart's DaemonSet): on each node, takes the pod volume backups the agent hands out for that
 * node ({@link VolumeTasks}), reads each volume's folder under the kubelet's pods folder (read-only), and backs it up
 * through the common data path under the claim's name, so that dedup and the file cache work across pod restarts.
 * It uses the agent's identity (its Secret, read-only): it never registers.
 */
public final class NodeAgent {
    /**
     * @param node this node's name
     * @param kubeletPods where the kubelet's pods folder is mounted (read-only)
     * @param namespace the agent's namespace (tasks and Secret)
     * @param secretName the agent's credentials Secret
     * @param home a writable folder (file caches, work files)
     * @param platformUrl the platform's URL
     */
    public record Settings(
            String node, Path kubeletPods, String namespace, String secretName, Path home, String platformUrl) {}

    private final KubernetesClient kube;
    private final Settings settings;
    private final AgentLog log;

    public NodeAgent(KubernetesClient kube, Settings settings, PrintStream log) {
        this.kube = kube;
        this.settings = settings;
        this.log = AgentLog.to(log, "node-agent");
    }

    /** Runs until the thread is interrupted. */
    public void run() throws IOException, InterruptedException {
        CredentialSecret secret = new CredentialSecret(kube, settings.namespace(), settings.secretName());
        while (!secret.restoreInto(settings.home())) {
            log.info("waiting for the agent to register (Secret " + settings.namespace() + "/" + settings.secretName()
                    + ")");
            Thread.sleep(10_000);
        }
        AgentRuntime runtime = AgentRuntime.open(settings.home(), settings.platformUrl());
        VolumeTasks tasks = new VolumeTasks(kube, settings.namespace());
        log.info("node agent on " + settings.node() + " ready");
        while (!Thread.currentThread().isInterrupted()) {
            try {
                for (VolumeTasks.Task task : tasks.pendingOn(settings.node())) {
                    VolumeTasks.Task mine = tasks.update(task, Map.of("state", VolumeTasks.State.Running.name()));
                    if (mine != null && VolumeTasks.RESTORE.equals(mine.kind())) {
                        restore(runtime, tasks, mine);
                    } else if (mine != null) {
                        backUp(runtime, tasks, mine);
                    }
                }
            } catch (KubernetesClientException e) {
                log.warn("cannot read volume tasks: " + e.getMessage());
            }
            Thread.sleep(2000);
        }
    }

    /**
     * Restores a volume backup into a restore pod's volume on this node: the agent created the pod with the new claim
     * mounted; its folder must be empty (a new file system's empty lost+found aside). Needs the pods folder mounted
     * read-write, which the chart does only when restores are enabled.
     */
    private void restore(AgentRuntime runtime, VolumeTasks tasks, VolumeTasks.Task task) {
        PodVolumes.Wanted w = task.volume();
        Path folder = PodVolumes.locate(settings.kubeletPods(), w);
        Map<String, String> end = new LinkedHashMap<>();
        if (folder == null) {
            end.put("state", VolumeTasks.State.Failed.name());
            end.put(
                    "message",
                    "the restore pod's volume has no folder under the kubelet's pods folder on " + settings.node());
        } else {
            log.info("restoring backup " + task.get("backupId") + " into " + w.namespace() + "/" + w.claim());
            try (Progress progress = new Progress("restoring")) {
                RestoreRun.Result r = new RestoreRun(
                                runtime.credentials(), runtime.platform(), runtime.state(), progress, 2)
                        .run(java.util.UUID.fromString(task.get("backupId")), folder);
                end.put("state", VolumeTasks.State.ofRun(r.phase()).name());
                end.put("files", String.valueOf(r.files()));
                end.put("bytes", String.valueOf(r.bytes()));
                if (r.failure() != null) {
                    end.put("message", r.failure());
                }
            } catch (IOException | RuntimeException e) {
                end.put("state", VolumeTasks.State.Failed.name());
                end.put("message", String.valueOf(e.getMessage()));
            }
        }
        tasks.update(new VolumeTasks.Task(task.name(), task.kind(), w, task.data(), null), end);
        log.info("volume restore into " + w.namespace() + "/" + w.claim() + " " + end.get("state"));
    }

    private void backUp(AgentRuntime runtime, VolumeTasks tasks, VolumeTasks.Task task) {
        PodVolumes.Wanted w = task.volume();
        Path folder = PodVolumes.locate(settings.kubeletPods(), w);
        if (folder == null) {
            tasks.update(task, Map.of("state", VolumeTasks.State.Failed.name(), "message", PodVolumes.NO_FOLDER));
            return;
        }
        String source = new PodVolumes.PodVolume(w.namespace(), w.pod(), w.podUid(), w.volume(), w.claim(), folder)
                .source(runtime.credentials().clusterId().toString());
        log.info("backing up " + source + " from " + folder);
        Progress progress = new Progress("backing up");
        ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor();
        reporter.scheduleWithFixedDelay(
                () -> {
                    try {
                        tasks.update(
                                new VolumeTasks.Task(task.name(), task.kind(), w, task.data(), null),
                                Map.of(
                                        "bytes", String.valueOf(progress.bytes.get()),
                                        "files", String.valueOf(progress.files.get())));
                    } catch (RuntimeException e) {
                        log.warn("progress update failed: " + e.getMessage());
                    }
                },
                3,
                3,
                TimeUnit.SECONDS);
        Map<String, String> end = new LinkedHashMap<>();
        try {
            BackupRun.Result r = runtime.backup(new NamedSource(new LocalDirectorySource(folder), source), progress);
            end.put("state", VolumeTasks.State.ofRun(r.phase().outcome()).name());
            if (r.id() != null) {
                end.put("backupId", r.id().toString());
            }
            end.put("statistics", Json.MAPPER.writeValueAsString(r.statistics()));
            if (r.failure() != null) {
                end.put("message", r.failure());
            }
        } catch (IOException | RuntimeException e) {
            end.put("state", VolumeTasks.State.Failed.name());
            end.put("message", String.valueOf(e.getMessage()));
        } finally {
            reporter.shutdownNow();
            progress.close();
        }
        end.put("bytes", String.valueOf(progress.bytes.get()));
        end.put("files", String.valueOf(progress.files.get()));
        tasks.update(new VolumeTasks.Task(task.name(), task.kind(), w, task.data(), null), end);
        log.info("volume " + source + " " + end.get("state"));
    }
}
