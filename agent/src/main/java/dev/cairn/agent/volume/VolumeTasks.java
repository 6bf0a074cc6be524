package dev.cairn.agent.volume;

import dev.cairn.agent.progress.Progress;
import dev.cairn.api.agent.Outcome;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Pod volume backups (and restores) handed from the agent to the node agents, as ConfigMaps in the agent's namespace (like Velero's
 * PodVolumeBackup objects, without a custom resource to install): one per volume, labelled with the node that holds
 * it. The agent creates them {@code Pending}; the node agent of that node claims one by updating it to
 * {@code Running} (the update carries the resource version, so two node agents never both take it), reports
 * progress in it, and ends it {@code Completed}, {@code PartiallyFailed} or {@code Failed} with the volume's backup
 * id. The agent reads them back, then deletes them.
 */
public final class VolumeTasks {
    static final String TASK = "cairn.dev/task";
    static final String NODE = "cairn.dev/node";
    static final String RUN = "cairn.dev/run";
    /** A task that backs a volume up. */
    public static final String BACKUP = "volume-backup";
    /** A task that restores a volume backup into a restore pod's volume. */
    public static final String RESTORE = "volume-restore";

    /** A task's state, as its {@code state} key holds it. */
    public enum State {
        /** Created by the agent; no node agent took it yet. */
        Pending,
        /** A node agent is backing the volume up. */
        Running,
        /** Its backup completed. */
        Completed,
        /** Its backup completed without some files (unreadable). */
        PartiallyFailed,
        /** No backup of it exists; the message says why. */
        Failed;

        /** The state of a task whose backup or restore ended with {@code outcome}. */
        public static State ofRun(Outcome outcome) {
            return switch (outcome) {
                case Completed -> Completed;
                case PartiallyFailed -> PartiallyFailed;
                case Failed -> Failed;
            };
        }

        public boolean isFinalState() {
            return this == Completed || this == PartiallyFailed || this == Failed;
        }
    }

    /** One volume's task. */
    public record Task(
            String name, String kind, PodVolumes.Wanted volume, Map<String, String> data, String resourceVersion) {
        public State state() {
            return State.valueOf(data.getOrDefault("state", "Pending"));
        }

        public String get(String key) {
            return data.get(key);
        }
    }

    private final KubernetesClient client;
    private final String namespace;

    public VolumeTasks(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    /** Creates a {@code Pending} backup task for each volume; answers the run's id. */
    public String create(List<PodVolumes.Wanted> volumes) {
        return create(BACKUP, volumes, List.of());
    }

    /**
     * Creates a {@code Pending} task of {@code kind} for each volume, with the matching entry of {@code extra} (if
     * any) added to its data; answers the run's id.
     */
    public String create(String kind, List<PodVolumes.Wanted> volumes, List<Map<String, String>> extra) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        int i = 0;
        for (PodVolumes.Wanted w : volumes) {
            Map<String, String> data = new LinkedHashMap<>();
            data.put("namespace", w.namespace());
            data.put("pod", w.pod());
            data.put("podUid", w.podUid());
            data.put("volume", w.volume());
            if (w.claim() != null) {
                data.put("claim", w.claim());
            }
            if (w.persistentVolume() != null) {
                data.put("persistentVolume", w.persistentVolume());
            }
            data.put("state", State.Pending.name());
            if (i < extra.size()) {
                data.putAll(extra.get(i));
            }
            client.configMaps()
                    .inNamespace(namespace)
                    .resource(new ConfigMapBuilder()
                            .withNewMetadata()
                            .withName((kind.equals(BACKUP) ? "cairn-vb-" : "cairn-vr-") + run + "-" + i++)
                            .addToLabels(TASK, kind)
                            .addToLabels(NODE, w.node())
                            .addToLabels(RUN, run)
                            .addToLabels("app.kubernetes.io/name", "cairn-agent")
                            .endMetadata()
                            .withData(data)
                            .build())
                    .create();
        }
        return run;
    }

    /** The tasks of a run. */
    public List<Task> ofRun(String run) {
        return list(Map.of(RUN, run));
    }

    /** The tasks (of either kind) for a node that no node agent took yet. */
    public List<Task> pendingOn(String node) {
        return list(Map.of(NODE, node)).stream()
                .filter(t -> t.kind() != null && t.state() == State.Pending)
                .toList();
    }

    /** Deletes a run's tasks. */
    public void delete(String run) {
        client.configMaps().inNamespace(namespace).withLabels(Map.of(RUN, run)).delete();
    }

    /**
     * Writes {@code changes} into a task if nobody changed it since it was read; answers the updated task, or null
     * when it was changed (another node agent claimed it) or deleted.
     */
    public Task update(Task task, Map<String, String> changes) {
        ConfigMap current =
                client.configMaps().inNamespace(namespace).withName(task.name()).get();
        if (current == null
                || (task.resourceVersion() != null
                        && !task.resourceVersion().equals(current.getMetadata().getResourceVersion()))) {
            return null;
        }
        Map<String, String> data = new LinkedHashMap<>(current.getData());
        data.putAll(changes);
        current.setData(data);
        try {
            ConfigMap updated =
                    client.configMaps().inNamespace(namespace).resource(current).update();
            return task(updated);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409 || e.getCode() == 404) {
                return null;
            }
            throw e;
        }
    }

    private List<Task> list(Map<String, String> labels) {
        return client.configMaps().inNamespace(namespace).withLabels(labels).list().getItems().stream()
                .map(VolumeTasks::task)
                .toList();
    }

    private static Task task(ConfigMap c) {
        Map<String, String> d = c.getData() == null ? Map.of() : c.getData();
        Map<String, String> labels =
                c.getMetadata().getLabels() == null ? Map.of() : c.getMetadata().getLabels();
        return new Task(
                c.getMetadata().getName(),
                labels.get(TASK),
                new PodVolumes.Wanted(
                        d.get("namespace"),
                        d.get("pod"),
                        d.get("podUid"),
                        c.getMetadata().getLabels() == null
                                ? null
                                : c.getMetadata().getLabels().get(NODE),
                        d.get("volume"),
                        d.get("claim"),
                        d.get("persistentVolume")),
                d,
                c.getMetadata().getResourceVersion());
    }

    /**
     * Waits until every task of a run is final, adding their bytes and files to {@code progress}; a task no node
     * agent takes within {@code startTimeout} is failed (no node agent runs on its node).
     */
    public List<Task> await(String run, Progress progress, Duration startTimeout) {
        long started = System.nanoTime();
        while (true) {
            List<Task> now = ofRun(run);
            long bytes = 0;
            long files = 0;
            boolean done = true;
            for (Task t : now) {
                bytes += number(t.get("bytes"));
                files += number(t.get("files"));
                if (t.state() == State.Pending && System.nanoTime() - started > startTimeout.toNanos()) {
                    update(
                            t,
                            Map.of(
                                    "state",
                                    State.Failed.name(),
                                    "message",
                                    "no node agent took it within " + startTimeout.toSeconds()
                                            + " s: is the node agent (DaemonSet) running on node "
                                            + t.volume().node() + "?"));
                    done = false;
                } else if (!t.state().isFinalState()) {
                    done = false;
                }
            }
            progress.bytes.set(bytes);
            progress.files.set(files);
            if (done) {
                return now;
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the node agents worked on volumes");
            }
        }
    }

    /** A counter a node agent wrote into a task (0 when absent or unreadable). */
    static long number(String value) {
        try {
            return value == null ? 0 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
