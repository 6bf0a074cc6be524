package dev.cairn.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.agent.backup.BackupRun;
import dev.cairn.agent.credentials.AgentCredentials;
import dev.cairn.agent.daemon.Daemon;
import dev.cairn.agent.fs.RawPaths;
import dev.cairn.agent.json.Json;
import dev.cairn.agent.kube.ResourceRestore;
import dev.cairn.agent.kube.ResourceSource;
import dev.cairn.agent.kube.RestoreOptions;
import dev.cairn.agent.kube.Selection;
import dev.cairn.agent.platform.PlatformClient;
import dev.cairn.agent.platform.PlatformException;
import dev.cairn.agent.progress.Progress;
import dev.cairn.agent.restore.BackupFiles;
import dev.cairn.agent.restore.RestoreRun;
import dev.cairn.agent.restore.VerifyRun;
import dev.cairn.agent.runtime.AgentRuntime;
import dev.cairn.agent.source.LocalDirectorySource;
import dev.cairn.agent.volume.NodeAgent;
import dev.cairn.api.agent.Outcome;
import dev.cairn.api.agent.backup.BackupPhase;
import dev.cairn.api.agent.backup.BackupView;
import dev.cairn.api.agent.command.RestoreReport;
import dev.cairn.data.manifest.BackupManifest;
import dev.cairn.data.tree.UnsafePathException;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The agent's command line, behind {@code ./cairn backup|restore|backups|verify}. Exit status: 0 Completed,
 * 3 PartiallyFailed, 1 Failed or an error, 2 bad usage.
 */
public final class Main {
    private static final ObjectMapper JSON = Json.MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT);

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs a command; answers the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> positional = new ArrayList<>();
        boolean json = false;
        boolean progressOn = System.console() != null && System.console().isTerminal();
        int sample = 100;
        String kubernetes = null;
        List<String> namespaces = new ArrayList<>();
        List<String> excludeNamespaces = new ArrayList<>();
        String selector = null;
        Map<String, String> namespaceMapping = new LinkedHashMap<>();
        Map<String, String> storageClassMapping = new LinkedHashMap<>();
        RestoreOptions.ExistingPolicy existing = null;
        boolean preview = false;
        Path agentHome = Path.of(env("CAIRN_AGENT_HOME", env("CAIRN_HOME", ".cairn") + "/agent"));
        String platformUrl = System.getenv("CAIRN_URL");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--json" -> json = true;
                case "--progress" -> progressOn = true;
                case "--no-progress" -> progressOn = false;
                case "--agent" -> agentHome = Path.of(value(args, ++i, "--agent"));
                case "--platform" -> platformUrl = value(args, ++i, "--platform");
                case "--sample" -> sample = percent(value(args, ++i, "--sample"));
                case "--kubernetes" -> kubernetes = value(args, ++i, "--kubernetes");
                case "--namespaces" ->
                    namespaces.addAll(List.of(value(args, ++i, "--namespaces").split(",")));
                case "--exclude-namespaces" ->
                    excludeNamespaces.addAll(
                            List.of(value(args, ++i, "--exclude-namespaces").split(",")));
                case "--selector" -> selector = value(args, ++i, "--selector");
                case "--namespace-mapping" -> pairs(value(args, ++i, "--namespace-mapping"), namespaceMapping);
                case "--storage-class-mapping" ->
                    pairs(value(args, ++i, "--storage-class-mapping"), storageClassMapping);
                case "--existing" ->
                    existing = RestoreOptions.ExistingPolicy.valueOf(
                            value(args, ++i, "--existing").toUpperCase(Locale.ROOT));
                case "--preview" -> preview = true;
                default -> positional.add(args[i]);
            }
        }
        if (positional.isEmpty()) {
            err.println(
                    "usage: backup DIR | restore BACKUP_ID DIR | backups | verify BACKUP_ID [--sample PERCENT]"
                            + " | kube-backup | kube-restore BACKUP_ID | run | node   [--json] [--agent DIR] (see agent/README.md)");
            return 2;
        }
        String command = positional.get(0);
        if (command.equals("run")) {
            return daemon(err);
        }
        if (command.equals("node")) {
            return nodeAgent(err);
        }
        if (command.equals("hold")) {
            // a restore pod: holds its new claim mounted while the node agent writes the volume's data into it
            err.println("holding the volume for a restore");
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 0;
        }
        if (!RawPaths.exact()) {
            err.println("cairn: warning: this JVM hides raw file names (start it with --add-opens "
                    + "java.base/sun.nio.fs=ALL-UNNAMED); names that are not UTF-8 would not round-trip");
        }
        try {
            AgentRuntime runtime = AgentRuntime.open(agentHome, platformUrl);
            AgentCredentials credentials = runtime.credentials();
            PlatformClient platform = runtime.platform();
            Path state = runtime.state();
            int threads = Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors()));
            switch (command) {
                case "backup" -> {
                    need(positional, 2, "backup DIR");
                    try (Progress progress = new Progress("backing up")) {
                        if (progressOn && !json) {
                            progress.showOn(err);
                        }
                        BackupRun.Result r =
                                runtime.backup(new LocalDirectorySource(Path.of(positional.get(1))), progress);
                        progress.close();
                        if (json) {
                            out.println(JSON.writeValueAsString(JSON.valueToTree(r)));
                        } else {
                            for (String m : r.messages()) {
                                err.println(m);
                            }
                            var s = r.statistics();
                            out.printf(
                                    Locale.ROOT,
                                    "backup %s %s: %d files, %s logical, %s new, %s stored, %s%s%n",
                                    r.id(),
                                    r.phase(),
                                    s.files(),
                                    Progress.bytes(s.logicalBytes()),
                                    Progress.bytes(s.newBytes()),
                                    Progress.bytes(s.sentBytes()),
                                    seconds(r.seconds()),
                                    r.failure() == null ? "" : " (" + r.failure() + ")");
                        }
                        return exit(r.phase());
                    }
                }
                case "restore" -> {
                    need(positional, 3, "restore BACKUP_ID DIR");
                    try (Progress progress = new Progress("restoring")) {
                        if (progressOn && !json) {
                            progress.showOn(err);
                        }
                        RestoreRun.Result r = new RestoreRun(credentials, platform, state, progress, threads)
                                .run(uuid(positional.get(1)), Path.of(positional.get(2)));
                        progress.close();
                        if (json) {
                            out.println(JSON.writeValueAsString(JSON.valueToTree(r)));
                        } else {
                            out.printf(
                                    Locale.ROOT,
                                    "restore of %s %s: %d files, %s into %s, %s%s%n",
                                    r.backup(),
                                    r.phase(),
                                    r.files(),
                                    Progress.bytes(r.bytes()),
                                    positional.get(2),
                                    seconds(r.seconds()),
                                    r.failure() == null ? "" : " (" + r.failure() + ")");
                        }
                        return exit(r.phase());
                    }
                }
                case "verify" -> {
                    need(positional, 2, "verify BACKUP_ID");
                    try (Progress progress = new Progress("verifying")) {
                        if (progressOn && !json) {
                            progress.showOn(err);
                        }
                        VerifyRun.Result r = new VerifyRun(credentials, platform, state, progress, threads)
                                .run(uuid(positional.get(1)), sample);
                        progress.close();
                        if (json) {
                            ObjectNode node = JSON.valueToTree(r);
                            node.put("id", r.backup().toString());
                            out.println(JSON.writeValueAsString(node));
                        } else {
                            r.damage().forEach(err::println);
                            out.printf(
                                    Locale.ROOT,
                                    "verify of %s %s: %d chunks (%d%%) checked, %s, %d damaged, %s%n",
                                    r.backup(),
                                    r.damage().isEmpty() ? "passed" : "FAILED",
                                    r.checked(),
                                    sample,
                                    Progress.bytes(r.bytes()),
                                    r.damage().size(),
                                    seconds(r.seconds()));
                        }
                        return exit(r.phase());
                    }
                }
                case "kube-backup" -> {
                    need(positional, 1, "kube-backup [--namespaces A,B] [--exclude-namespaces C] [--selector S]");
                    Selection selection = new Selection(namespaces, excludeNamespaces, selector, null, null, null);
                    try (KubernetesClient kube = kube(kubernetes);
                            Progress progress = new Progress("backing up")) {
                        BackupRun.Result r = runtime.backup(
                                new ResourceSource(
                                        kube, selection, credentials.clusterId().toString()),
                                progress);
                        progress.close();
                        out.println(json ? JSON.writeValueAsString(JSON.valueToTree(r)) : r.id() + " " + r.phase());
                        return exit(r.phase());
                    }
                }
                case "kube-restore" -> {
                    need(positional, 2, "kube-restore BACKUP_ID [--namespace-mapping A=B] [--preview]");
                    UUID id = uuid(positional.get(1));
                    try (KubernetesClient kube = kube(kubernetes)) {
                        Map<String, byte[]> files = BackupFiles.read(
                                credentials,
                                platform,
                                state,
                                id,
                                p -> p.equals(ResourceSource.INDEX) || p.startsWith(ResourceSource.RESOURCES + "/"),
                                64L << 20);
                        RestoreReport r = new ResourceRestore(
                                        kube,
                                        new RestoreOptions(
                                                namespaces,
                                                namespaceMapping,
                                                storageClassMapping,
                                                existing,
                                                preview,
                                                null),
                                        new java.util.concurrent.atomic.AtomicLong())
                                .run(files);
                        if (json) {
                            out.println(JSON.writeValueAsString(JSON.valueToTree(r)));
                        } else {
                            r.items()
                                    .forEach(i -> out.printf(
                                            "%-7s %s %s%s%s%n",
                                            i.action(),
                                            i.type(),
                                            i.namespace() == null ? "" : i.namespace() + "/",
                                            i.name(),
                                            i.reason() == null ? "" : " (" + i.reason() + ")"));
                            r.warnings().forEach(err::println);
                            out.printf(
                                    "%s%s: %d created, %d updated, %d skipped, %d failed%n",
                                    preview ? "preview " : "",
                                    r.phase(),
                                    r.created(),
                                    r.updated(),
                                    r.skipped(),
                                    r.failed());
                        }
                        return exit(r.phase());
                    }
                }
                case "backups" -> {
                    List<BackupView> list = platform.backups(100);
                    if (json) {
                        out.println(JSON.writeValueAsString(list));
                    } else {
                        out.printf(
                                "%-36s  %-20s  %-15s  %9s  %10s  %10s  %s%n",
                                "ID", "STARTED", "PHASE", "FILES", "LOGICAL", "NEW", "SOURCE");
                        for (BackupView b : list) {
                            BackupManifest.Statistics s = b.statistics();
                            out.printf(
                                    "%-36s  %-20s  %-15s  %9s  %10s  %10s  %s%n",
                                    b.id(),
                                    b.startedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                                    b.phase(),
                                    s != null ? Long.toString(s.files()) : "-",
                                    s != null ? Progress.bytes(s.logicalBytes()) : "-",
                                    s != null ? Progress.bytes(s.newBytes()) : "-",
                                    b.source());
                        }
                    }
                    return 0;
                }
                default -> {
                    err.println("unknown command " + command);
                    return 2;
                }
            }
        } catch (UsageException e) {
            err.println("cairn: " + e.getMessage());
            return 2;
        } catch (UnsafePathException e) {
            err.println("cairn: restore refused, nothing written: " + e.getMessage());
            return 1;
        } catch (PlatformException | IOException | IllegalStateException e) {
            err.println("cairn: " + e.getMessage());
            return 1;
        }
    }

    /** The in-cluster agent: settings from the environment the chart sets. */
    private static int daemon(PrintStream err) {
        Daemon.Settings settings = new Daemon.Settings(
                env("CAIRN_PLATFORM_URL", "http://127.0.0.1:8080"),
                env("CAIRN_REGISTRATION_TOKEN", null),
                env("POD_NAMESPACE", "cairn-system"),
                env("CAIRN_CREDENTIALS_SECRET", "cairn-agent-credentials"),
                Path.of(env("CAIRN_AGENT_HOME", "/var/lib/cairn-agent")),
                env("CAIRN_IMAGE", "ghcr.io/cairn-dev/cairn-agent:" + Daemon.VERSION));
        try (KubernetesClient kube = new KubernetesClientBuilder().build()) {
            new Daemon(kube, settings, err).run();
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("cairn-agent: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** The node agent (the chart's DaemonSet): settings from the environment the chart sets. */
    private static int nodeAgent(PrintStream err) {
        String node = env("NODE_NAME", null);
        if (node == null) {
            err.println("cairn-agent node: NODE_NAME is not set (the chart sets it from spec.nodeName)");
            return 2;
        }
        NodeAgent.Settings settings = new NodeAgent.Settings(
                node,
                Path.of(env("CAIRN_KUBELET_PODS", "/host/var/lib/kubelet/pods")),
                env("POD_NAMESPACE", "cairn-system"),
                env("CAIRN_CREDENTIALS_SECRET", "cairn-agent-credentials"),
                Path.of(env("CAIRN_AGENT_HOME", "/var/lib/cairn-agent")),
                env("CAIRN_PLATFORM_URL", "http://127.0.0.1:8080"));
        try (KubernetesClient kube = new KubernetesClientBuilder().build()) {
            new NodeAgent(kube, settings, err).run();
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("cairn-agent node: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** A client of the cluster at {@code url}, or the one fabric8 finds (in-cluster account, kubeconfig). */
    private static KubernetesClient kube(String url) {
        KubernetesClientBuilder builder = new KubernetesClientBuilder();
        if (url != null) {
            builder.withConfig(
                    new ConfigBuilder(Config.empty()).withMasterUrl(url).build());
        }
        return builder.build();
    }

    private static void pairs(String value, Map<String, String> into) {
        for (String pair : value.split(",")) {
            String[] kv = pair.split("=", 2);
            if (kv.length != 2 || kv[0].isBlank() || kv[1].isBlank()) {
                throw new UsageException("mappings are FROM=TO[,FROM=TO...], not " + value);
            }
            into.put(kv[0].strip(), kv[1].strip());
        }
    }

    private static int exit(Outcome outcome) {
        return switch (outcome) {
            case Completed -> 0;
            case PartiallyFailed -> 3;
            case Failed -> 1;
        };
    }

    private static int exit(BackupPhase phase) {
        return exit(phase.outcome());
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.1f s", s);
    }

    private static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    private static void need(List<String> positional, int count, String usage) {
        if (positional.size() != count) {
            throw new UsageException("usage: " + usage);
        }
    }

    private static UUID uuid(String s) {
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            throw new UsageException("not a backup id: " + s);
        }
    }

    private static int percent(String s) {
        try {
            int p = Integer.parseInt(s.replace("%", ""));
            if (p < 1 || p > 100) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException e) {
            throw new UsageException("--sample takes a percentage from 1 to 100, not " + s);
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new UsageException(option + " needs a value");
        }
        return args[i];
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
