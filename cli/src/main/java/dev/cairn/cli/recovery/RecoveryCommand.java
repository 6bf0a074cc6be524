package dev.cairn.cli.recovery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.api.agent.command.RestoreSpec;
import dev.cairn.cli.ExitStatus;
import dev.cairn.cli.Io;
import dev.cairn.cli.output.Output;
import dev.cairn.cli.output.Table;
import dev.cairn.cli.platform.CliException;
import dev.cairn.cli.platform.Platform;
import dev.cairn.cli.platform.PlatformOption;
import dev.cairn.cli.restore.RestoreOptions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "recovery",
        description = {
            "Recover a backup into any of your clusters: the platform chooses the region that holds it whole (home,",
            "else DR), sends the restore to the cluster's agent, follows it and verifies it. Exit status of a",
            "followed recovery: 0 Completed, 3 PartiallyFailed, 1 Failed or Cancelled."
        },
        synopsisSubcommandLabel = "(create | list | describe | cancel)",
        footerHeading = "%nExamples:%n",
        footer = {
            "  cairn recovery create --from-backup 3f1c… --cluster standby-us --namespace-mapping shop:shop --wait",
            "  cairn recovery create --latest-of prod-eu --cluster standby-us --wait",
            "  cairn recovery create --latest-of-policy shop-nightly --cluster standby-us --wait",
            "  cairn recovery create --latest-of prod-eu --cluster standby-us --drill --wait   # then: cairn drill report",
            "  cairn recovery describe 9b2e…"
        })
public final class RecoveryCommand {
    private static final Set<String> ENDED = Set.of("Completed", "PartiallyFailed", "Failed", "Cancelled");
    /** How often a followed recovery is read again. */
    private static final Duration POLL = Duration.ofSeconds(1);

    private final Io io;

    @Spec
    CommandSpec spec;

    RecoveryCommand(Io io) {
        this.io = io;
    }

    /** Which backup: one by id, the latest Completed one of a cluster, or of a policy's runs. */
    static final class Source {
        @Option(names = "--from-backup", required = true, paramLabel = "BACKUP_ID")
        UUID backup;

        @Option(
                names = "--latest-of",
                required = true,
                paramLabel = "CLUSTER",
                description = "The latest Completed backup of this cluster (its id or name).")
        String latestOf;

        @Option(
                names = "--latest-of-policy",
                required = true,
                paramLabel = "POLICY",
                description = "The backup of this policy's newest Completed run that still exists (its id or name).")
        String latestOfPolicy;
    }

    @Command(name = "create", description = "Start a recovery; --wait follows it to its end.")
    int create(
            @ArgGroup(multiplicity = "1") Source source,
            @Option(
                            names = "--cluster",
                            required = true,
                            paramLabel = "CLUSTER",
                            description = "The cluster to restore into (its id or name).")
                    String cluster,
            @Mixin RestoreOptions options,
            @Option(
                            names = "--volumes",
                            negatable = true,
                            defaultValue = "true",
                            fallbackValue = "true",
                            description = "Restore the data of the claims it creates (default: yes).")
                    boolean volumes,
            @Option(
                            names = "--drill",
                            description = "A restore drill: restore into scratch namespaces (drill-<token>-<name>),"
                                    + " verify, then remove them; signed report with cairn drill report.")
                    boolean drill,
            @Option(names = "--wait", description = "Follow the recovery until it ends.") boolean await,
            @Mixin PlatformOption platform,
            @Mixin Output output) {
        if (options.preview()) {
            throw new ParameterException(
                    spec.commandLine(), "a recovery restores: preview with cairn restore create --preview");
        }
        Platform api = platform.signedIn();
        RestoreSpec restore = options.spec(new UUID(0, 0), volumes, spec.commandLine());
        Map<String, Object> body = new LinkedHashMap<>();
        if (source.backup != null) {
            body.put("backupId", source.backup);
        } else if (source.latestOf != null) {
            body.put("latestOfCluster", api.clusterId(source.latestOf));
        } else {
            body.put("latestOfPolicy", api.policyId(source.latestOfPolicy));
        }
        body.put("targetClusterId", api.clusterId(cluster));
        body.put("includeNamespaces", restore.includeNamespaces());
        body.put("namespaceMapping", restore.namespaceMapping());
        body.put("storageClassMapping", restore.storageClassMapping());
        body.put("existingResourcePolicy", restore.existingResourcePolicy());
        body.put("volumes", volumes);
        if (drill) {
            body.put("drill", true);
        }
        JsonNode created = api.post("recoveries", body, UUID.randomUUID().toString());
        if (!await) {
            if (output.isTable()) {
                io.out()
                        .println("recovery " + created.path("id").asText() + " "
                                + created.path("phase").asText()
                                + "; follow it with: cairn recovery describe "
                                + created.path("id").asText()
                                + " --wait");
            } else {
                output.print(created, io.out());
            }
            return ExitStatus.OK;
        }
        return follow(api, created, output);
    }

    @Command(name = "list", description = "Your recoveries, newest first.")
    int list(
            @Option(names = "--limit", defaultValue = "50", description = "How many (1 to 500).") int limit,
            @Mixin PlatformOption platform,
            @Mixin Output output) {
        JsonNode page = platform.signedIn().get("recoveries?limit=" + limit);
        Table table = new Table("ID", "PHASE", "BACKUP", "TARGET CLUSTER", "REGION", "CREATED", "RTO");
        for (JsonNode r : page.path("items")) {
            table.row(
                    r.path("id").asText(),
                    r.path("phase").asText(),
                    r.path("backupId").asText(),
                    r.path("targetClusterId").asText(),
                    r.path("region").asText("-"),
                    r.path("createdAt").asText(),
                    rto(r));
        }
        output.print(page, table, io.out());
        return ExitStatus.OK;
    }

    @Command(name = "describe", description = "One recovery: its phase, region, progress, verification, transitions.")
    int describe(
            @Parameters(paramLabel = "RECOVERY_ID") UUID id,
            @Option(names = "--wait", description = "Follow it until it ends.") boolean await,
            @Mixin PlatformOption platform,
            @Mixin Output output) {
        Platform api = platform.signedIn();
        JsonNode r = api.get("recoveries/" + id);
        if (await) {
            return follow(api, r, output);
        }
        print(r, output);
        return ExitStatus.OK;
    }

    @Command(name = "cancel", description = "Cancel a recovery that has not ended.")
    int cancel(@Parameters(paramLabel = "RECOVERY_ID") UUID id, @Mixin PlatformOption platform, @Mixin Output output) {
        JsonNode r = platform.signedIn().post("recoveries/" + id + "/cancel", Map.of());
        print(r, output);
        return ExitStatus.OK;
    }

    private int follow(Platform api, JsonNode r, Output output) {
        String shown = "";
        while (!ENDED.contains(r.path("phase").asText())) {
            String line = progress(r);
            if (!line.equals(shown) && output.isTable()) {
                io.err().println(line);
                shown = line;
            }
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliException("interrupted");
            }
            r = api.get("recoveries/" + r.path("id").asText());
        }
        print(r, output);
        return switch (r.path("phase").asText()) {
            case "Completed" -> ExitStatus.OK;
            case "PartiallyFailed" -> ExitStatus.PARTIALLY_FAILED;
            default -> ExitStatus.FAILED;
        };
    }

    /** A recovery's phase and, while restoring, the agent's progress. */
    static String progress(JsonNode r) {
        StringBuilder line = new StringBuilder(r.path("phase").asText());
        JsonNode p = r.path("progress");
        if (p.isObject()) {
            line.append(String.format(
                    Locale.ROOT,
                    ": %s, %d files",
                    dev.cairn.agent.progress.Progress.bytes(p.path("bytes").asLong()),
                    p.path("files").asLong()));
            if (p.path("etaSeconds").isNumber()) {
                line.append(", ETA ")
                        .append(dev.cairn.agent.progress.Progress.duration(
                                p.path("etaSeconds").asLong()));
            }
        } else if (r.path("reason").isTextual()) {
            line.append(": ").append(r.path("reason").asText());
        }
        return line.toString();
    }

    private void print(JsonNode r, Output output) {
        Table table = new Table("FIELD", "VALUE")
                .row("id", r.path("id").asText())
                .row("kind", r.path("drill").asBoolean() ? "drill (scratch namespaces, removed after)" : "recovery")
                .row("phase", r.path("phase").asText())
                .row("reason", r.path("reason").asText(null))
                .row(
                        "backup",
                        r.path("backupId").asText() + " (" + r.path("selector").asText() + ")")
                .row("target cluster", r.path("targetClusterId").asText())
                .row("region", r.path("region").asText("not chosen yet"))
                .row("command", r.path("commandId").asText(null))
                .row("progress", r.path("progress").isObject() ? progress(r) : null)
                .row("verification", r.path("verification").path("summary").asText(null))
                .row("waiting because", r.path("lastError").asText(null))
                .row("created", r.path("createdAt").asText())
                .row("finished", r.path("finishedAt").asText(null))
                .row("RTO", rto(r));
        for (JsonNode t : r.path("transitions")) {
            table.row(
                    "  " + t.path("at").asText(),
                    t.path("from").asText("(new)") + " → " + t.path("to").asText() + ": "
                            + t.path("reason").asText());
        }
        output.print(r, table, io.out());
    }

    private static String rto(JsonNode r) {
        return r.path("rtoSeconds").isNumber()
                ? String.format(Locale.ROOT, "%.1f s", r.path("rtoSeconds").asDouble())
                : "-";
    }
}
