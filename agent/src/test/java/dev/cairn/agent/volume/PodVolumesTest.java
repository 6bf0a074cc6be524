package dev.cairn.agent.volume;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.agent.kube.Selection;
import dev.cairn.testing.kubernetes.MockCluster;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PodVolumesTest {
    @TempDir
    Path pods;

    @Test
    void mapsClaimsAndOptedInVolumesOfRunningPodsOnThisNodeToTheirKubeletFolders() throws Exception {
        try (MockCluster cluster = MockCluster.empty()) {
            var client = cluster.client();
            client.resource(new PersistentVolumeClaimBuilder()
                            .withNewMetadata()
                            .withName("data-db-0")
                            .withNamespace("shop")
                            .endMetadata()
                            .withNewSpec()
                            .withVolumeName("pvc-1234")
                            .endSpec()
                            .build())
                    .create();
            String db = pod(
                    client,
                    "db-0",
                    "shop",
                    "uid-db",
                    "edge-1",
                    "Running",
                    Map.of(PodVolumes.INCLUDE, "cache", PodVolumes.EXCLUDE, "logs"),
                    claim("data", "data-db-0"),
                    claim("logs", "logs-db-0"),
                    claim("gone", "no-folder"),
                    emptyDir("cache"),
                    emptyDir("scratch"),
                    new VolumeBuilder()
                            .withName("config")
                            .withNewConfigMap()
                            .withName("x")
                            .endConfigMap()
                            .build());
            pod(client, "web", "shop", "uid-web", "edge-2", "Running", Map.of(), claim("data", "data-web"));
            pod(client, "dns", "kube-system", "uid-dns", "edge-1", "Running", Map.of(), claim("data", "dns"));
            pod(client, "old", "shop", "uid-old", "edge-1", "Succeeded", Map.of(), claim("data", "data-db-0"));
            Files.createDirectories(pods.resolve(db + "/volumes/kubernetes.io~csi/pvc-1234/mount/base"));
            Files.createDirectories(pods.resolve(db + "/volumes/kubernetes.io~csi/logs/mount"));
            Files.createDirectories(pods.resolve(db + "/volumes/kubernetes.io~empty-dir/cache"));
            Files.createDirectories(pods.resolve(db + "/volumes/kubernetes.io~empty-dir/scratch"));

            List<String> warnings = new ArrayList<>();
            List<PodVolumes.PodVolume> found = PodVolumes.onNode(
                    client,
                    "edge-1",
                    pods,
                    new Selection(List.of("shop"), null, null, null, null, null),
                    (where, why) -> warnings.add(where + ": " + why));

            assertThat(found)
                    .extracting(v -> v.volume() + " " + v.claim() + " " + pods.relativize(v.path()))
                    .containsExactlyInAnyOrder(
                            "data data-db-0 " + db + "/volumes/kubernetes.io~csi/pvc-1234/mount",
                            "cache null " + db + "/volumes/kubernetes.io~empty-dir/cache");
            assertThat(found.get(0).source("c1")).startsWith("volume:c1/shop/");
            assertThat(warnings).singleElement().asString().startsWith("shop/db-0 volume gone");
        }
    }

    private static io.fabric8.kubernetes.api.model.Volume claim(String name, String claim) {
        return new VolumeBuilder()
                .withName(name)
                .withNewPersistentVolumeClaim()
                .withClaimName(claim)
                .endPersistentVolumeClaim()
                .build();
    }

    private static io.fabric8.kubernetes.api.model.Volume emptyDir(String name) {
        return new VolumeBuilder()
                .withName(name)
                .withNewEmptyDir()
                .endEmptyDir()
                .build();
    }

    /** Creates a pod and sets its phase as the kubelet would; answers the uid the server gave it. */
    private static String pod(
            io.fabric8.kubernetes.client.KubernetesClient client,
            String name,
            String ns,
            String uid,
            String node,
            String phase,
            Map<String, String> annotations,
            io.fabric8.kubernetes.api.model.Volume... volumes) {
        Pod pod = new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(ns)
                .withUid(uid)
                .withAnnotations(annotations)
                .endMetadata()
                .withNewSpec()
                .withNodeName(node)
                .withVolumes(volumes)
                .addNewContainer()
                .withName("c")
                .withImage("busybox")
                .endContainer()
                .endSpec()
                .build();
        Pod created = client.resource(pod).create();
        created.setStatus(new PodStatusBuilder().withPhase(phase).build());
        client.resource(created).updateStatus();
        return created.getMetadata().getUid();
    }
}
