package dev.cairn.it.support;

import dev.cairn.testing.kubernetes.MockCluster;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test fixture: what a real cluster does for the restore pods of a volume restore, which the mock API server does
 * not: the volume provisioner binds each new claim (volume {@code pvc-restored-<namespace>-<claim>}), the scheduler
 * puts the pod on the node, and the kubelet makes the volume's folder under the node's pods folder (with the
 * {@code lost+found} of a new ext4 file system) and runs the pod. Runs on a thread of its own until closed.
 */
public final class Kubelet implements AutoCloseable {
    private final Thread thread;

    private Kubelet(Thread thread) {
        this.thread = thread;
    }

    /** Starts serving the restore pods of {@code cluster} on {@code node}, whose kubelet keeps pods in {@code pods}. */
    public static Kubelet forRestorePods(MockCluster cluster, String node, Path pods) {
        Thread t = new Thread(
                () -> {
                    try {
                        serve(cluster, node, pods);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (Exception e) {
                        if (!Thread.currentThread().isInterrupted()) {
                            e.printStackTrace();
                        }
                    }
                },
                "kubelet-" + node);
        t.setDaemon(true);
        t.start();
        return new Kubelet(t);
    }

    /** Creates (or takes) a pod and marks it running, as the kubelet would; answers its uid. */
    public static String running(MockCluster cluster, Pod pod) {
        Pod p = pod.getMetadata().getUid() == null
                ? cluster.client().resource(pod).create()
                : pod;
        p.setStatus(new PodStatusBuilder().withPhase("Running").build());
        cluster.client().resource(p).updateStatus();
        return p.getMetadata().getUid();
    }

    /** The folder a restored claim's data is written to, once its restore pod ran; null before. */
    public static Path restoredVolume(Path pods, String namespace, String claim) throws java.io.IOException {
        try (var found =
                Files.find(pods, 8, (p, a) -> p.endsWith("pvc-restored-" + namespace + "-" + claim + "/mount"))) {
            return found.findFirst().orElse(null);
        }
    }

    private static void serve(MockCluster cluster, String node, Path pods) throws Exception {
        var client = cluster.client();
        while (!Thread.currentThread().isInterrupted()) {
            for (Pod p : client.pods()
                    .inAnyNamespace()
                    .withLabel("app.kubernetes.io/component", "restore-pod")
                    .list()
                    .getItems()) {
                if (p.getStatus() != null && "Running".equals(p.getStatus().getPhase())) {
                    continue;
                }
                String ns = p.getMetadata().getNamespace();
                String claim = p.getSpec()
                        .getVolumes()
                        .get(0)
                        .getPersistentVolumeClaim()
                        .getClaimName();
                var pvc = client.persistentVolumeClaims()
                        .inNamespace(ns)
                        .withName(claim)
                        .get();
                if (pvc.getSpec().getVolumeName() == null) {
                    pvc.getSpec().setVolumeName("pvc-restored-" + ns + "-" + claim);
                    client.resource(pvc).update();
                }
                Path folder = pods.resolve(p.getMetadata().getUid() + "/volumes/kubernetes.io~csi/"
                        + pvc.getSpec().getVolumeName() + "/mount");
                Files.createDirectories(folder.resolve("lost+found")); // a new ext4 file system
                p.getSpec().setNodeName(node);
                Pod scheduled = client.resource(p).update();
                scheduled.setStatus(new PodStatusBuilder().withPhase("Running").build());
                client.resource(scheduled).updateStatus();
            }
            Thread.sleep(200);
        }
    }

    @Override
    public void close() throws InterruptedException {
        thread.interrupt();
        thread.join(30_000);
    }
}
