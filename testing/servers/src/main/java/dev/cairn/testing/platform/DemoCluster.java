package dev.cairn.testing.platform;

import dev.cairn.agent.credentials.CredentialFiles;
import dev.cairn.agent.credentials.CredentialSecret;
import dev.cairn.agent.daemon.Daemon;
import dev.cairn.agent.volume.NodeAgent;
import dev.cairn.testing.kubernetes.MockCluster;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The local run's demo Kubernetes cluster, so that a newcomer sees a Connected cluster whose backups work: the
 * realistic mock API server ({@code testing/kubernetes}: namespaces {@code shop} and {@code billing}, a Deployment, a
 * StatefulSet {@code db} with a claim, ConfigMaps, Secrets, RBAC), the agent daemon as the chart runs it, and a node
 * agent on node {@code edge-1} reading pod-volume data from {@code <home>/demo-cluster/kubelet/pods}. The mock keeps
 * its objects in memory: each start loads them afresh, and the agent's credentials, kept in
 * {@code <home>/demo-cluster/agent}, are put back into its Secret, so that the cluster stays the same one for the
 * platform (its id, policies and backups). Logs: {@code logs/demo-cluster.log}.
 */
final class DemoCluster implements AutoCloseable {
    /** The demo tenant's cluster that this one is. */
    static final String NAME = "demo";

    /** The mock server logs every request at INFO (java.util.logging): kept here so the level holds. */
    private static final java.util.logging.Logger MOCK_LOG =
            java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    private static final String NAMESPACE = "cairn-system";
    private static final String SECRET = "cairn-agent-credentials";

    private final MockCluster cluster;
    private final PrintStream log;
    private final List<Thread> threads = new ArrayList<>();

    private DemoCluster(MockCluster cluster, PrintStream log) {
        this.cluster = cluster;
        this.log = log;
    }

    /**
     * Starts the cluster and its agents against the platform at {@code api}; {@code registrationToken} is the
     * cluster's one-time token when it was just made, else null (the agent's kept credentials are used). Answers null
     * (with the reason in the log) when the cluster exists but its credentials are gone.
     */
    static DemoCluster start(String api, String registrationToken, Path home, Path logs) {
        Path dir = home.resolve("demo-cluster");
        Path agentHome = dir.resolve("agent");
        try {
            Files.createDirectories(agentHome);
            PrintStream log = new PrintStream(
                    Files.newOutputStream(
                            logs.resolve("demo-cluster.log"), StandardOpenOption.CREATE, StandardOpenOption.APPEND),
                    true,
                    StandardCharsets.UTF_8);
            boolean kept = CredentialFiles.ALL.stream().allMatch(f -> Files.isRegularFile(agentHome.resolve(f)));
            if (registrationToken == null && !kept) {
                log.println("the demo cluster is registered but its credentials (" + agentHome + ") are gone:"
                        + " not started (delete the data folder to start afresh)");
                log.close();
                return null;
            }
            MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
            MockCluster cluster = MockCluster.realistic();
            DemoCluster demo = new DemoCluster(cluster, log);
            if (registrationToken == null) {
                new CredentialSecret(cluster.client(), NAMESPACE, SECRET).save(agentHome);
            }
            Path pods = demo.volumeData(dir.resolve("kubelet/pods"));
            Daemon agent = new Daemon(
                    cluster.client(),
                    new Daemon.Settings(api, registrationToken, NAMESPACE, SECRET, agentHome, "cairn-agent:demo"),
                    log);
            demo.run("demo-agent", agent::run);
            NodeAgent node = new NodeAgent(
                    cluster.client(),
                    new NodeAgent.Settings(
                            "edge-1", pods, NAMESPACE, SECRET, Files.createDirectories(dir.resolve("node-agent")), api),
                    log);
            demo.run("demo-node-agent", node::run);
            return demo;
        } catch (IOException e) {
            throw new UncheckedIOException("demo cluster: " + e.getMessage(), e);
        }
    }

    /**
     * Marks the StatefulSet's pod {@code db-0} Running and gives its claim some data in the kubelet's folder for its
     * (new) pod id; the data of an earlier start is moved there, so that it only changes when someone changes it.
     */
    private Path volumeData(Path pods) throws IOException {
        Pod db = cluster.client().pods().inNamespace("shop").withName("db-0").get();
        db.setStatus(new PodStatusBuilder().withPhase("Running").build());
        db = cluster.client().resource(db).updateStatus();
        Path claim = Path.of("volumes", "kubernetes.io~csi", "pvc-5d1f6a2e-0001", "mount");
        Path target = pods.resolve(db.getMetadata().getUid()).resolve(claim);
        Files.createDirectories(target.getParent());
        Path earlier = null;
        if (Files.isDirectory(pods)) {
            try (Stream<Path> old = Files.list(pods)) {
                earlier = old.map(p -> p.resolve(claim))
                        .filter(p -> !p.equals(target) && Files.isDirectory(p))
                        .findFirst()
                        .orElse(null);
            }
        }
        if (earlier != null) {
            Files.move(earlier, target);
        } else if (!Files.isDirectory(target)) {
            Files.createDirectories(target.resolve("base/16384"));
            Files.writeString(target.resolve("PG_VERSION"), "17\n");
            Random random = new Random(17);
            for (int table = 0; table < 4; table++) {
                byte[] page = new byte[256 * 1024];
                random.nextBytes(page);
                Files.write(target.resolve("base/16384/" + (2600 + table)), page);
            }
        }
        return pods;
    }

    private interface Body {
        void run() throws Exception;
    }

    private void run(String name, Body body) {
        Thread thread = new Thread(
                () -> {
                    try {
                        body.run();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (Exception e) {
                        e.printStackTrace(log);
                    }
                },
                name);
        thread.setDaemon(true);
        thread.start();
        threads.add(thread);
    }

    /** The mock API server's URL (a kubeconfig's server), for {@code --kubernetes=URL}. */
    String url() {
        return cluster.url();
    }

    @Override
    public void close() {
        for (Thread t : threads) {
            t.interrupt();
        }
        for (Thread t : threads) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        cluster.close();
        log.close();
    }
}
