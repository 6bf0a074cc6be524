package dev.cairn.it.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.agent.daemon.Daemon;
import dev.cairn.agent.volume.NodeAgent;
import dev.cairn.cli.Cli;
import dev.cairn.it.support.Agents;
import dev.cairn.it.support.Api;
import dev.cairn.it.support.Kubelet;
import dev.cairn.it.support.Tenants;
import dev.cairn.it.support.TestPlatform;
import dev.cairn.testing.kubernetes.MockCluster;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Pod volume data: a backup command with volumes hands each selected pod's claims to the node agent of its node,
 * which reads the kubelet's folder for it and backs it up through the platform; a volume on a node without a node
 * agent fails after the start timeout and makes the backup partial. The volume's data restores byte for byte.
 */
class VolumeBackupIT {

    @Test
    void nodeAgentsBackUpTheClaimsOfTheirNodesPodsAndTheDataRestores() throws Exception {
        Tenants.SignedUp tenant = Tenants.free("Volumes Tenant");
        JsonNode created = Agents.createCluster(tenant, "edge-volumes");
        String clusterId = created.path("cluster").path("id").asText();
        String api = TestPlatform.get().entryPoint();
        Path pods = Files.createTempDirectory("kubelet-pods");
        List<Thread> threads = new ArrayList<>();
        Kubelet kubelet = null;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
        try (MockCluster cluster = MockCluster.realistic()) {
            // given db-0 running on edge-1 with its claim's data in the kubelet's CSI folder, and a pod on edge-2
            String uid = Kubelet.running(
                    cluster,
                    cluster.client().pods().inNamespace("shop").withName("db-0").get());
            Path data =
                    Files.createDirectories(pods.resolve(uid + "/volumes/kubernetes.io~csi/pvc-5d1f6a2e-0001/mount"));
            Files.createDirectories(data.resolve("base/16384"));
            byte[] page = new byte[300_000];
            new java.util.Random(7).nextBytes(page);
            Files.write(data.resolve("base/16384/2619"), page);
            Files.writeString(data.resolve("PG_VERSION"), "17\n");
            Kubelet.running(
                    cluster,
                    new PodBuilder()
                            .withNewMetadata()
                            .withName("archiver")
                            .withNamespace("shop")
                            .endMetadata()
                            .withNewSpec()
                            .withNodeName("edge-2")
                            .addNewVolume()
                            .withName("archive")
                            .withNewPersistentVolumeClaim()
                            .withClaimName("archive")
                            .endPersistentVolumeClaim()
                            .endVolume()
                            .addNewContainer()
                            .withName("c")
                            .withImage("busybox")
                            .endContainer()
                            .endSpec()
                            .build());

            // and the agent with a node agent on edge-1 only
            Path home = Files.createTempDirectory("agent-home");
            Daemon agent = new Daemon(
                            cluster.client(),
                            new Daemon.Settings(
                                    api,
                                    created.path("registration").path("token").asText(),
                                    "cairn-system",
                                    "cairn-agent-credentials",
                                    home,
                                    "cairn-agent:test"),
                            out)
                    .volumeStartTimeout(Duration.ofSeconds(8));
            threads.add(start("agent", () -> agent.run(), out));
            NodeAgent node = new NodeAgent(
                    cluster.client(),
                    new NodeAgent.Settings(
                            "edge-1",
                            pods,
                            "cairn-system",
                            "cairn-agent-credentials",
                            Files.createTempDirectory("node-home"),
                            api),
                    out);
            threads.add(start("node-agent", () -> node.run(), out));
            Instant ready = Instant.now().plus(Duration.ofMinutes(1));
            while (!log.toString(StandardCharsets.UTF_8).contains("node agent on edge-1 ready")
                    && Instant.now().isBefore(ready)) {
                Thread.sleep(200);
            }

            // when the tenant backs "shop" up with its volumes
            String id = Agents.command(
                    tenant,
                    clusterId,
                    "{\"kind\":\"BACKUP\",\"backup\":{\"includeNamespaces\":[\"shop\"],\"volumes\":true}}");
            JsonNode done = awaitFinal("/api/v1/clusters/" + clusterId + "/commands/" + id, tenant, log);

            // then db-0's claim was backed up by the node agent, the one on edge-2 failed for want of a node agent
            assertThat(done.path("phase").asText()).as(done.toString()).isEqualTo("PartiallyFailed");
            JsonNode volumes = done.path("report").path("volumes");
            assertThat(volumes).hasSize(2);
            JsonNode db = find(volumes, "db-0");
            assertThat(db.path("state").asText()).as(db.toString()).isEqualTo("Completed");
            assertThat(db.path("claim").asText()).isEqualTo("data-db-0");
            assertThat(db.path("statistics").path("files").asLong()).isEqualTo(2);
            JsonNode archiver = find(volumes, "archiver");
            assertThat(archiver.path("state").asText()).isEqualTo("Failed");
            assertThat(archiver.path("message").asText()).contains("edge-2");
            assertThat(cluster.client()
                            .configMaps()
                            .inNamespace("cairn-system")
                            .list()
                            .getItems())
                    .as("the volume tasks are gone")
                    .isEmpty();

            // and the volume's backup restores byte for byte
            Path target = Files.createTempDirectory("restored").resolve("data");
            ByteArrayOutputStream restoreOut = new ByteArrayOutputStream();
            int exit = Cli.run(
                    new String[] {
                        "restore",
                        "local",
                        db.path("backupId").asText(),
                        target.toString(),
                        "-o",
                        "json",
                        "--agent",
                        home.toString(),
                        "--platform",
                        api
                    },
                    new PrintStream(restoreOut, true, StandardCharsets.UTF_8),
                    out);
            assertThat(exit).as(log.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(Files.readAllBytes(target.resolve("base/16384/2619"))).isEqualTo(page);
            assertThat(Files.readString(target.resolve("PG_VERSION"))).isEqualTo("17\n");

            // when "shop" is restored as "shop-dr" (the test plays the volume provisioner, scheduler and kubelet for
            // the restore pods: binds the new claim, puts the pod on edge-1, makes its volume folder, runs it)
            kubelet = Kubelet.forRestorePods(cluster, "edge-1", pods);
            String restore = Agents.command(
                    tenant,
                    clusterId,
                    "{\"kind\":\"RESTORE\",\"restore\":{\"backupId\":\""
                            + done.path("report").path("id").asText()
                            + "\",\"namespaceMapping\":{\"shop\":\"shop-dr\"}}}");
            JsonNode restored = awaitFinal("/api/v1/clusters/" + clusterId + "/commands/" + restore, tenant, log);

            // then the new claim holds the volume's data, written by the node agent through the restore pod
            assertThat(restored.path("phase").asText()).as(restored.toString()).isEqualTo("Completed");
            JsonNode volume = restored.path("report").path("volumes").get(0);
            assertThat(volume.path("claim").asText()).isEqualTo("data-db-0");
            assertThat(volume.path("state").asText()).as(volume.toString()).isEqualTo("Completed");
            assertThat(restored.path("report").path("volumes")).hasSize(1);
            Path written = Kubelet.restoredVolume(pods, "shop-dr", "data-db-0");
            assertThat(Files.readAllBytes(written.resolve("base/16384/2619"))).isEqualTo(page);
            assertThat(written.resolve("lost+found")).isDirectory();
            assertThat(cluster.client().pods().inNamespace("shop-dr").list().getItems())
                    .as("the restore pod is deleted")
                    .noneMatch(p -> p.getMetadata().getName().startsWith("cairn-restore-"));
            assertThat(cluster.client()
                            .persistentVolumeClaims()
                            .inNamespace("shop-dr")
                            .withName("data-db-0")
                            .get())
                    .isNotNull();
        } finally {
            if (kubelet != null) {
                kubelet.close();
            }
            for (Thread t : threads) {
                t.interrupt();
                t.join(30_000);
            }
        }
    }

    private interface Body {
        void run() throws Exception;
    }

    private static Thread start(String name, Body body, PrintStream out) {
        Thread t = new Thread(
                () -> {
                    try {
                        body.run();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (Exception e) {
                        e.printStackTrace(out);
                    }
                },
                name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static JsonNode find(JsonNode volumes, String pod) {
        for (JsonNode v : volumes) {
            if (v.path("pod").asText().equals(pod)) {
                return v;
            }
        }
        throw new AssertionError("no volume of " + pod + " in " + volumes);
    }

    private static JsonNode awaitFinal(String path, Tenants.SignedUp tenant, ByteArrayOutputStream log)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            last = Api.json(Api.as(tenant.token()).when().get(path));
            if (Set.of("Completed", "PartiallyFailed", "Failed", "Cancelled")
                    .contains(last.path("phase").asText())) {
                return last;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("timed out: " + last + "\n" + log.toString(StandardCharsets.UTF_8));
    }
}
