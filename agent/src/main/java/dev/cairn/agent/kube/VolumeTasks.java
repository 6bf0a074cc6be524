package dev.cairn.agent.kube;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Pod volume backups handed from the agent to the node agents, as ConfigMaps in the agent's namespace (like Velero's
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
    static final String KIND = "volume-backup";

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

        public boolean isFinalState() {
            return this == Completed || this == PartiallyFailed || this == Failed;
        }
    }

    /** One volume's task. */
    public record Task(String name, PodVolumes.Wanted volume, Map<String, String> data, String resourceVersion) {
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

    /** Creates a {@code Pending} task for each volume; answers the run's id. */
    public String create(List<PodVolumes.Wanted> volumes) {
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
            client.configMaps()
                    .inNamespace(namespace)
                    .resource(new ConfigMapBuilder()
                            .withNewMetadata()
                            .withName("cairn-vb-" + run + "-" + i++)
                            .addToLabels(TASK, KIND)
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
        return list(Map.of(TASK, KIND, RUN, run));
    }

    /** The tasks for a node that no node agent took yet. */
    public List<Task> pendingOn(String node) {
        return list(Map.of(TASK, KIND, NODE, node)).stream()
                .filter(t -> t.state() == State.Pending)
                .toList();
    }

    /** Deletes a run's tasks. */
    public void delete(String run) {
        client.configMaps()
                .inNamespace(namespace)
                .withLabels(Map.of(TASK, KIND, RUN, run))
                .delete();
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
        return new Task(
                c.getMetadata().getName(),
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
}
