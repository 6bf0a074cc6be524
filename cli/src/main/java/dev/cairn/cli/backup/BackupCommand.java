package dev.cairn.cli.backup;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.agent.backup.BackupRun;
import dev.cairn.agent.progress.Progress;
import dev.cairn.agent.runtime.AgentRuntime;
import dev.cairn.agent.source.LocalDirectorySource;
import dev.cairn.api.agent.backup.BackupView;
import dev.cairn.api.agent.command.BackupSpec;
import dev.cairn.api.agent.command.CommandKind;
import dev.cairn.api.agent.command.StatusReport;
import dev.cairn.cli.ExitStatus;
import dev.cairn.cli.Io;
import dev.cairn.cli.command.CommandWatch;
import dev.cairn.cli.local.KubernetesTarget;
import dev.cairn.cli.local.LocalAgent;
import dev.cairn.cli.output.Output;
import dev.cairn.cli.output.Table;
import dev.cairn.cli.platform.Api;
import dev.cairn.cli.platform.Platform;
import dev.cairn.cli.platform.PlatformOption;
import dev.cairn.data.manifest.BackupManifest;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "backup",
        description = "Back up clusters and directories; list and inspect backups.",
        synopsisSubcommandLabel = "(create | local | list | describe | files | download | delete)",
        footerHeading = "%nExamples:%n",
        footer = {
            "  cairn backup create --cluster prod-eu --include-namespaces shop,billing --volumes --wait",
            "  cairn backup local ~/projects                     # a directory, as the local agent",
            "  cairn backup local --kubernetes=https://k3s:6443 --include-namespaces shop",
            "  cairn backup list --cluster prod-eu -o json",
            "  cairn backup describe 3f1c0a4e-…",
            "  cairn backup files 3f1c0a4e-… resources/deployments.apps   # a folder, read by the backup's agent",
            "  cairn backup download 3f1c0a4e-… etc/app.conf --out app.conf",
            "  cairn backup delete 3f1c0a4e-…"
        })
public final class BackupCommand {
    private final Io io;

    @Spec
    CommandSpec spec;

    BackupCommand(Io io) {
        this.io = io;
    }

    @Command(
            name = "create",
            description = "Ask a cluster's agent to back up now (a BACKUP command); --wait follows it to the end.")
    int create(
            @Option(names = "--cluster", required = true, paramLabel = "CLUSTER", description = "Its id or name.")
                    String cluster,
            @Mixin SelectionOptions selection,
            @Option(names = "--volumes", description = "Also back up the data of the selected pods' volumes.")
                    boolean volumes,
            @Option(names = "--wait", description = "Follow the command until it ends; the exit status is its phase.")
                    boolean await,
            @Mixin PlatformOption platform,
            @Mixin Output output) {
        BackupSpec backup = selection.spec(volumes);
        return new CommandWatch(platform.signedIn(), io, output).send(cluster, CommandKind.BACKUP, backup, await);
    }

    @Command(
            name = "local",
            description = {
                "Back up a directory, or a cluster's objects (--kubernetes), from this machine as the local agent.",
                "Exit status: 0 Completed, 3 PartiallyFailed (unreadable files listed), 1 Failed."
            })
    int local(
            @Parameters(arity = "0..1", paramLabel = "DIR", description = "The directory to back up.") Path directory,
            @Mixin KubernetesTarget kubernetes,
            @Mixin SelectionOptions selection,
            @Mixin LocalAgent agent,
            @Mixin Output output)
            throws IOException {
        kubernetes.requireEitherOr(directory, "DIR", spec.commandLine());
        if (directory != null && !selection.isEmpty()) {
            throw new ParameterException(
                    spec.commandLine(),
                    "namespaces, resources and selectors select objects of"
                            + " a cluster (--kubernetes), not files of a directory");
        }
        AgentRuntime runtime = agent.open(io);
        try (Progress progress = agent.progress("backing up", io, output)) {
            if (directory != null) {
                BackupRun.Result r = runtime.backup(new LocalDirectorySource(directory), progress);
                progress.close();
                print(r, output);
                return ExitStatus.of(r.phase().outcome());
            }
            try (KubernetesClient kube = kubernetes.client()) {
                StatusReport r = new dev.cairn.agent.command.BackupCommand(kube, runtime, null)
                        .run(selection.spec(false), progress, null);
                progress.close();
                if (output.isTable()) {
                    io.out().println(r.message());
                } else {
                    output.print(r.backup(), io.out());
                }
                return ExitStatus.of(r.phase());
            }
        }
    }

    @Command(name = "list", description = "List the tenant's backups, newest first.")
    int list(
            @Option(names = "--cluster", paramLabel = "CLUSTER", description = "Only this cluster's (id or name).")
                    String cluster,
            @Option(
                            names = "--limit",
                            defaultValue = "100",
                            paramLabel = "N",
                            description = "At most N backups (1 to 1000, default ${DEFAULT-VALUE}).")
                    int limit,
            @Mixin PlatformOption platform,
            @Mixin Output output) {
        Platform api = platform.signedIn();
        String query = "backups?limit=" + limit + (cluster == null ? "" : "&clusterId=" + api.clusterId(cluster));
        List<BackupView> backups = List.of(Api.JSON.convertValue(api.get(query).path("items"), BackupView[].class));
        Table table = new Table("ID", "STARTED", "PHASE", "FILES", "LOGICAL", "NEW", "SOURCE");
        for (BackupView b : backups) {
            BackupManifest.Statistics s = b.statistics();
            table.row(
                    b.id(),
                    b.startedAt().truncatedTo(ChronoUnit.SECONDS),
                    b.phase(),
                    s == null ? null : s.files(),
                    s == null ? null : Progress.bytes(s.logicalBytes()),
                    s == null ? null : Progress.bytes(s.newBytes()),
                    b.source());
        }
        output.print(backups, table, io.out());
        return ExitStatus.OK;
    }

    @Command(
            name = "delete",
            description = {
                "Delete a finished backup: it is gone from the catalog at once; its data is freed by garbage",
                "collection once no other backup references it."
            })
    int delete(
            @Parameters(paramLabel = "BACKUP_ID", description = "The backup's id.") UUID id,
            @Mixin PlatformOption platform) {
        platform.signedIn().delete("backups/" + id);
        io.out().println("Backup " + id + " deleted.");
        return ExitStatus.OK;
    }

    @Command(
            name = "describe",
            description =
                    "One backup: phase, times, what it protects and what it added, whether its DR copy is complete.")
    int describe(
            @Parameters(paramLabel = "BACKUP_ID", description = "The backup's id.") UUID id,
            @Mixin PlatformOption platform,
            @Mixin Output output) {
        BackupView b = Api.JSON.convertValue(platform.signedIn().get("backups/" + id), BackupView.class);
        Table table = new Table("FIELD", "VALUE")
                .row("id", b.id())
                .row("cluster", b.clusterId())
                .row("source", b.source())
                .row("phase", b.phase())
                .row("failure", b.failure())
                .row("started", b.startedAt())
                .row("finished", b.finishedAt())
                .row("completed", b.completedAt())
                .row("immutable until", b.immutableUntil() == null ? "-" : b.immutableUntil())
                .row("chunks", b.referenceCount());
        BackupManifest.Statistics s = b.statistics();
        if (s != null) {
            table.row("files", s.files())
                    .row("logical bytes", Progress.bytes(s.logicalBytes()))
                    .row("new bytes", Progress.bytes(s.newBytes()))
                    .row("sent bytes", Progress.bytes(s.sentBytes()));
        }
        if (b.messages() != null) {
            b.messages().forEach(m -> table.row("message", m));
        }
        JsonNode dr = platform.signedIn().get("backups/" + id + "/replication");
        table.row(
                "DR copy",
                dr.path("drRegion").isTextual()
                        ? (dr.path("protectedInDr").asBoolean() ? "complete in " : "not complete yet in ")
                                + dr.path("drRegion").asText()
                        : "none (the tenant has no DR region)");
        output.print(b, table, io.out());
        return ExitStatus.OK;
    }

    @Command(
            name = "files",
            description = {
                "List a folder of a backup's files (the root without PATH), read and decrypted by an agent of the",
                "tenant (the backup's own cluster's unless --cluster names another). Exit status: 0 listed, 1 not."
            })
    int files(
            @Parameters(index = "0", paramLabel = "BACKUP_ID", description = "The backup's id.") UUID id,
            @Parameters(index = "1", arity = "0..1", paramLabel = "PATH", description = "The folder, e.g. etc/app.")
                    String path,
            @Option(names = "--cluster", paramLabel = "CLUSTER", description = "The agent that reads (id or name).")
                    String cluster,
            @Option(names = "--after", paramLabel = "NAME", description = "The entries after this name (next page).")
                    String after,
            @Option(
                            names = "--limit",
                            defaultValue = "200",
                            paramLabel = "N",
                            description = "At most N entries (1 to 1000, default ${DEFAULT-VALUE}).")
                    int limit,
            @Mixin PlatformOption platform,
            @Mixin Output output) {
        Platform api = platform.signedIn();
        Map<String, Object> browse = new HashMap<>(
                Map.of("backupId", id, "path", path == null ? "" : path, "download", false, "limit", limit));
        if (after != null) {
            browse.put("after", after);
        }
        JsonNode done = browse(api, id, cluster, browse, output);
        if (done == null) {
            return ExitStatus.FAILED;
        }
        JsonNode report = done.path("report");
        Table table = new Table("NAME", "TYPE", "SIZE", "MODIFIED", "MODE");
        for (JsonNode e : report.path("entries")) {
            String type = e.path("type").asText();
            table.row(
                    e.path("name").asText()
                            + (type.equals("DIRECTORY") ? "/" : "")
                            + (type.equals("SYMLINK")
                                    ? " -> " + e.path("target").asText()
                                    : ""),
                    type.toLowerCase(Locale.ROOT),
                    type.equals("FILE") ? Progress.bytes(e.path("size").asLong()) : null,
                    e.path("modifiedAt").asText(null),
                    String.format(Locale.ROOT, "%04o", e.path("mode").asInt()));
        }
        output.print(report, table, io.out());
        if (report.path("next").isTextual() && output.isTable()) {
            io.err()
                    .println("More entries follow: --after "
                            + report.path("next").asText());
        }
        return ExitStatus.OK;
    }

    @Command(
            name = "download",
            description = {
                "Download one file of a backup (up to 1 GiB): an agent of the tenant reads, checks and decrypts it,",
                "the platform passes it on; its SHA-256 is checked here. Exit status: 0 saved, 1 not."
            })
    int download(
            @Parameters(index = "0", paramLabel = "BACKUP_ID", description = "The backup's id.") UUID id,
            @Parameters(index = "1", paramLabel = "PATH", description = "The file, e.g. etc/app.conf.") String path,
            @Option(names = "--cluster", paramLabel = "CLUSTER", description = "The agent that reads (id or name).")
                    String cluster,
            @Option(names = "--out", paramLabel = "FILE", description = "Where to save it (default: its name, here).")
                    Path out,
            @Mixin PlatformOption platform,
            @Mixin Output output)
            throws IOException {
        Platform api = platform.signedIn();
        JsonNode done = browse(api, id, cluster, Map.of("backupId", id, "path", path, "download", true), output);
        if (done == null) {
            return ExitStatus.FAILED;
        }
        JsonNode file = done.path("report").path("file");
        Path target = out != null ? out : Path.of(file.path("name").asText());
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        api.download(
                "clusters/" + done.path("clusterId").asText() + "/commands/"
                        + done.path("id").asText() + "/file",
                partial);
        String sha256 = sha256(partial);
        if (!sha256.equals(file.path("sha256").asText())) {
            Files.deleteIfExists(partial);
            io.err()
                    .println("cairn backup download: the file arrived damaged (SHA-256 " + sha256 + ", the agent sent "
                            + file.path("sha256").asText() + "); nothing saved");
            return ExitStatus.FAILED;
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
        if (output.isTable()) {
            io.out()
                    .println("Saved " + path + " ("
                            + Progress.bytes(file.path("size").asLong()) + ", SHA-256 " + sha256 + ") to " + target);
        } else {
            output.print(file, io.out());
        }
        return ExitStatus.OK;
    }

    private static String sha256(Path file) throws IOException {
        try (java.io.InputStream in = Files.newInputStream(file)) {
            java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return java.util.HexFormat.of().formatHex(digest.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends a BROWSE command to the reading agent and waits for it; null (the reason said) when it did not end well. */
    private JsonNode browse(Platform api, UUID backup, String cluster, Map<String, Object> spec, Output output) {
        UUID reader = cluster != null
                ? api.clusterId(cluster)
                : UUID.fromString(api.get("backups/" + backup).path("clusterId").asText());
        CommandWatch watch = new CommandWatch(api, io, output);
        JsonNode done = watch.awaitEnd(
                reader, api.post("clusters/" + reader + "/commands", Map.of("kind", "BROWSE", "browse", spec)));
        if (!done.path("phase").asText().equals("Completed")) {
            io.err()
                    .println("cairn backup: the agent " + done.path("phase").asText() + ": "
                            + done.path("message").asText("no reason given"));
            return null;
        }
        return done;
    }

    private void print(BackupRun.Result r, Output output) {
        if (!output.isTable()) {
            output.print(r, io.out());
            return;
        }
        r.messages().forEach(io.err()::println);
        BackupManifest.Statistics s = r.statistics();
        io.out()
                .printf(
                        Locale.ROOT,
                        "backup %s %s: %d files, %s logical, %s new, %s stored, %.1f s%s%n",
                        r.id(),
                        r.phase(),
                        s.files(),
                        Progress.bytes(s.logicalBytes()),
                        Progress.bytes(s.newBytes()),
                        Progress.bytes(s.sentBytes()),
                        r.seconds(),
                        r.failure() == null ? "" : " (" + r.failure() + ")");
    }
}
