package dev.cairn.agent.volume;

import dev.cairn.agent.kube.RestoreOptions;
import dev.cairn.agent.progress.Progress;
import dev.cairn.api.agent.command.BackupReport.VolumeBackup;
import dev.cairn.api.agent.command.RestoreReport;
import dev.cairn.api.agent.command.RestoreReport.VolumeRestore;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Restores the data of the claims a restore created: for each, a restore pod holds the new claim (so that it is
 * provisioned, bound and mounted on some node), and the node agent of that node writes the volume's backup into the
 * pod's volume folder; then the pod is deleted. Claims that existed before, or were left out, are left alone.
 */
public final class VolumeRestores {
    private final KubernetesClient kube;
    private final String namespace;
    private final String image;
    private final Duration startTimeout;
    private final Duration podTimeout;

    /**
     * @param namespace the agent's namespace, where volume tasks are kept
     * @param image the agent's image, which restore pods run (they only hold the claim)
     * @param startTimeout how long a task may wait for a node agent to take it
     * @param podTimeout how long a restore pod may take to run
     */
    public VolumeRestores(
            KubernetesClient kube, String namespace, String image, Duration startTimeout, Duration podTimeout) {
        this.kube = kube;
        this.namespace = namespace;
        this.image = image;
        this.startTimeout = startTimeout;
        this.podTimeout = podTimeout;
    }

    /** Restores the claims of {@code index} that this restore created ({@code items} say which). */
    public List<VolumeRestore> restore(
            List<VolumeBackup> index, List<RestoreReport.Item> items, RestoreOptions options, Progress progress) {
        List<Claim> claims = new ArrayList<>();
        List<VolumeRestore> skipped = new ArrayList<>();
        for (VolumeBackup v : index) {
            if (v.claim() == null
                    || !(v.state().equals("Completed") || v.state().equals("PartiallyFailed"))) {
                continue;
            }
            String ns = options.target(v.namespace());
            boolean created = items.stream()
                    .anyMatch(i -> i.action() == RestoreReport.Action.CREATE
                            && i.type().equals("persistentvolumeclaims")
                            && ns.equals(i.namespace())
                            && v.claim().equals(i.name()));
            if (!created) {
                skipped.add(new VolumeRestore(
                        ns,
                        v.claim(),
                        v.backupId(),
                        "Skipped",
                        null,
                        0,
                        0,
                        "the claim was not created by this restore (it existed or was left out): its data is left"
                                + " alone"));
                continue;
            }
            claims.add(new Claim(
                    ns,
                    v.claim(),
                    v.backupId(),
                    kube.resource(holder(ns, v.claim())).create()));
        }
        List<VolumeRestore> out = new ArrayList<>(skipped);
        if (claims.isEmpty()) {
            return out;
        }
        progress.stage("restoring " + claims.size() + " volume(s) through restore pods");
        List<PodVolumes.Wanted> wanted = new ArrayList<>();
        List<Map<String, String>> extra = new ArrayList<>();
        List<Claim> waiting = new ArrayList<>();
        try {
            for (Claim claim : claims) {
                Pod running = awaitRunning(claim.holder());
                if (running == null) {
                    out.add(claim.ended(
                            "Failed",
                            null,
                            0,
                            0,
                            "the restore pod did not start within " + podTimeout.toSeconds()
                                    + " s (is the claim provisioned?)"));
                    continue;
                }
                var pvc = kube.persistentVolumeClaims()
                        .inNamespace(claim.namespace())
                        .withName(claim.name())
                        .get();
                wanted.add(new PodVolumes.Wanted(
                        claim.namespace(),
                        running.getMetadata().getName(),
                        running.getMetadata().getUid(),
                        running.getSpec().getNodeName(),
                        "data",
                        claim.name(),
                        pvc == null || pvc.getSpec() == null
                                ? null
                                : pvc.getSpec().getVolumeName()));
                extra.add(Map.of("backupId", String.valueOf(claim.backupId())));
                waiting.add(claim);
            }
            if (!wanted.isEmpty()) {
                VolumeTasks tasks = new VolumeTasks(kube, namespace);
                String run = tasks.create(VolumeTasks.RESTORE, wanted, extra);
                try {
                    List<VolumeTasks.Task> done = tasks.await(run, progress, startTimeout);
                    for (Claim claim : waiting) {
                        VolumeTasks.Task t = done.stream()
                                .filter(task -> task.volume().claim().equals(claim.name())
                                        && task.volume().namespace().equals(claim.namespace()))
                                .findFirst()
                                .orElse(null);
                        out.add(
                                t == null
                                        ? claim.ended("Failed", null, 0, 0, "its volume task vanished")
                                        : claim.ended(
                                                t.state().name(),
                                                t.volume().node(),
                                                VolumeTasks.number(t.get("files")),
                                                VolumeTasks.number(t.get("bytes")),
                                                t.get("message")));
                    }
                } finally {
                    tasks.delete(run);
                }
            }
        } finally {
            for (Claim claim : claims) {
                kube.resource(claim.holder()).delete();
            }
        }
        return out;
    }

    private record Claim(String namespace, String name, UUID backupId, Pod holder) {
        VolumeRestore ended(String state, String node, long files, long bytes, String message) {
            return new VolumeRestore(namespace, name, backupId, state, node, files, bytes, message);
        }
    }

    /** A pod that only holds a claim mounted (non-root, read-only root, nothing else). */
    private Pod holder(String namespace, String claim) {
        String suffix = UUID.randomUUID().toString().substring(0, 5);
        String base = "cairn-restore-" + claim;
        String name = (base.length() > 56 ? base.substring(0, 56) : base) + "-" + suffix;
        return new PodBuilder()
                .withNewMetadata()
                .withName(name.replaceAll("[^a-z0-9-]", "-"))
                .withNamespace(namespace)
                .addToLabels("app.kubernetes.io/name", "cairn-agent")
                .addToLabels("app.kubernetes.io/component", "restore-pod")
                .endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never")
                .withAutomountServiceAccountToken(false)
                .addNewContainer()
                .withName("hold")
                .withImage(image)
                .withArgs("hold")
                .withNewSecurityContext()
                .withRunAsNonRoot(true)
                .withRunAsUser(65532L)
                .withAllowPrivilegeEscalation(false)
                .withReadOnlyRootFilesystem(true)
                .withNewCapabilities()
                .withDrop("ALL")
                .endCapabilities()
                .endSecurityContext()
                .withNewResources()
                .addToRequests("memory", new Quantity("64Mi"))
                .addToLimits("memory", new Quantity("128Mi"))
                .endResources()
                .addNewVolumeMount()
                .withName("data")
                .withMountPath("/restore")
                .endVolumeMount()
                .addToEnv(new EnvVar("JDK_JAVA_OPTIONS", "-Xmx32m -XX:+UseSerialGC", null))
                .endContainer()
                .addNewVolume()
                .withName("data")
                .withNewPersistentVolumeClaim()
                .withClaimName(claim)
                .endPersistentVolumeClaim()
                .endVolume()
                .endSpec()
                .build();
    }

    private Pod awaitRunning(Pod pod) {
        long deadline = System.nanoTime() + podTimeout.toNanos();
        while (System.nanoTime() < deadline) {
            Pod now = kube.pods()
                    .inNamespace(pod.getMetadata().getNamespace())
                    .withName(pod.getMetadata().getName())
                    .get();
            if (now != null
                    && now.getSpec() != null
                    && now.getSpec().getNodeName() != null
                    && now.getStatus() != null
                    && "Running".equals(now.getStatus().getPhase())) {
                return now;
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }
}
