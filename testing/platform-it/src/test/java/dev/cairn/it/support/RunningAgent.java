package dev.cairn.it.support;

import dev.cairn.agent.daemon.Daemon;
import dev.cairn.agent.volume.NodeAgent;
import dev.cairn.testing.kubernetes.MockCluster;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Test fixture: the in-cluster agent ({@link Daemon}) running in the test JVM against a mock cluster and the shared
 * platform, as the chart runs it; its log kept for assertions.
 */
public record RunningAgent(Thread thread, ByteArrayOutputStream log) implements AutoCloseable {
    /** Starts the agent with a one-time registration token (null: it uses the credentials kept in its Secret). */
    public static RunningAgent start(MockCluster cluster, String token, Path home) {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
        Daemon daemon = new Daemon(
                cluster.client(),
                new Daemon.Settings(
                        TestPlatform.get().entryPoint(),
                        token,
                        "cairn-system",
                        "cairn-agent-credentials",
                        home,
                        "cairn-agent:test"),
                out);
        Thread t = new Thread(
                () -> {
                    try {
                        daemon.run();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (Exception e) {
                        e.printStackTrace(out);
                    }
                },
                "agent-daemon");
        t.setDaemon(true);
        t.start();
        return new RunningAgent(t, log);
    }

    /**
     * Starts a node agent (the DaemonSet's pod) of {@code node}, whose kubelet keeps pods in {@code pods}; it reads its
     * credentials from the Secret the agent of {@code cluster} wrote, so that agent must have registered first.
     */
    public static RunningAgent node(MockCluster cluster, String node, Path pods, Path home) {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
        NodeAgent agent = new NodeAgent(
                cluster.client(),
                new NodeAgent.Settings(
                        node,
                        pods,
                        "cairn-system",
                        "cairn-agent-credentials",
                        home,
                        TestPlatform.get().entryPoint()),
                out);
        Thread t = new Thread(
                () -> {
                    try {
                        agent.run();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (Exception e) {
                        e.printStackTrace(out);
                    }
                },
                "node-agent-" + node);
        t.setDaemon(true);
        t.start();
        return new RunningAgent(t, log);
    }

    public void stop() throws InterruptedException {
        thread.interrupt();
        thread.join(30_000);
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    /** What the agent logged so far. */
    public String text() {
        return log.toString(StandardCharsets.UTF_8);
    }
}
