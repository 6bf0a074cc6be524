package dev.cairn.agent;

import dev.cairn.agent.daemon.Daemon;
import dev.cairn.agent.runtime.AgentRuntime;
import dev.cairn.agent.volume.NodeAgent;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The agent image's entry point, {@code cairn-agent run|node|hold}: the processes the chart starts. Settings come
 * from the environment the chart sets. What a person runs on a workstation (backups of a directory, restores,
 * verify) is the {@code cairn} command line (cli/), which runs this module's code in its own JVM.
 */
@Command(
        name = "cairn-agent",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "The Cairn agent's processes in a cluster (the chart starts them).",
        subcommands = {Main.Run.class, Main.Node.class, Main.Hold.class})
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main())
                .setExecutionExceptionHandler((e, commandLine, parseResult) -> {
                    commandLine.getErr().println(commandLine.getCommandName() + ": " + e.getMessage());
                    return 1;
                })
                .execute(args));
    }

    /** The agent's version, from the Maven project. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"cairn-agent " + AgentRuntime.VERSION};
        }
    }

    @Command(
            name = "run",
            description = "The in-cluster agent: registers (once), sends heartbeats, runs the platform's commands.")
    static final class Run implements Callable<Integer> {
        @Override
        public Integer call() throws IOException, InterruptedException {
            Daemon.Settings settings = new Daemon.Settings(
                    env("CAIRN_PLATFORM_URL", "http://127.0.0.1:8080"),
                    env("CAIRN_REGISTRATION_TOKEN", null),
                    env("POD_NAMESPACE", "cairn-system"),
                    env("CAIRN_CREDENTIALS_SECRET", "cairn-agent-credentials"),
                    Path.of(env("CAIRN_AGENT_HOME", "/var/lib/cairn-agent")),
                    env("CAIRN_IMAGE", "ghcr.io/cairn-dev/cairn-agent:" + AgentRuntime.VERSION));
            try (KubernetesClient kube = new KubernetesClientBuilder().build()) {
                new Daemon(kube, settings, System.err).run();
            }
            return 0;
        }
    }

    @Command(name = "node", description = "The node agent (a DaemonSet): backs up and restores pod volumes' data.")
    static final class Node implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException, InterruptedException {
            String node = env("NODE_NAME", null);
            if (node == null) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "NODE_NAME is not set (the chart sets it from spec.nodeName)");
            }
            NodeAgent.Settings settings = new NodeAgent.Settings(
                    node,
                    Path.of(env("CAIRN_KUBELET_PODS", "/host/var/lib/kubelet/pods")),
                    env("POD_NAMESPACE", "cairn-system"),
                    env("CAIRN_CREDENTIALS_SECRET", "cairn-agent-credentials"),
                    Path.of(env("CAIRN_AGENT_HOME", "/var/lib/cairn-agent")),
                    env("CAIRN_PLATFORM_URL", "http://127.0.0.1:8080"));
            try (KubernetesClient kube = new KubernetesClientBuilder().build()) {
                new NodeAgent(kube, settings, System.err).run();
            }
            return 0;
        }
    }

    @Command(
            name = "hold",
            description = "A restore pod: holds its new claim mounted while the node agent writes the volume's data.")
    static final class Hold implements Callable<Integer> {
        @Override
        public Integer call() throws InterruptedException {
            System.err.println("holding the volume for a restore");
            Thread.sleep(Long.MAX_VALUE);
            return 0;
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
