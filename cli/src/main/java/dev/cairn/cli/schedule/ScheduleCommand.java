package dev.cairn.cli.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.cli.ExitStatus;
import dev.cairn.cli.Io;
import dev.cairn.cli.backup.SelectionOptions;
import dev.cairn.cli.command.CommandWatch;
import dev.cairn.cli.output.Output;
import dev.cairn.cli.output.Table;
import dev.cairn.cli.platform.Platform;
import dev.cairn.cli.platform.PlatformOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "schedule",
        description = "Backup policies: what to back up on which cluster, when, and what to keep.",
        synopsisSubcommandLabel = "(create | list | describe | pause | resume | run | runs | delete)",
        footerHeading = "%nExamples:%n",
        footer = {
            "  cairn schedule create nightly --cluster prod-eu --cron '0 2 * * *' --time-zone Europe/Paris \\",
            "      --include-namespaces shop --volumes --keep-daily 7 --keep-weekly 4 --keep-monthly 12",
            "  cairn schedule create hourly --cluster prod-eu --every PT1H --keep-last 24",
            "  cairn schedule create vault --cluster prod-eu --cron '0 3 * * *' --keep-daily 30 --immutable-for P30D",
            "  cairn schedule list",
            "  cairn schedule run nightly --wait                 # now, outside the schedule",
            "  cairn schedule runs nightly                       # how each run ended, and why",
            "  cairn schedule pause nightly"
        })
public final class ScheduleCommand {
    private static final String POLICIES = "policies";

    private final Io io;

    @Mixin
    PlatformOption platform;

    ScheduleCommand(Io io) {
        this.io = io;
    }

    @Command(name = "create", description = "Create a backup policy.")
    int create(
            @Parameters(paramLabel = "NAME", description = "The policy's name (lower case, digits, dashes).")
                    String name,
            @Option(names = "--cluster", required = true, paramLabel = "CLUSTER", description = "Its id or name.")
                    String cluster,
            @Mixin SelectionOptions selection,
            @Option(names = "--volumes", description = "Also back up the data of the selected pods' volumes.")
                    boolean volumes,
            @Mixin When when,
            @Mixin Keep keep,
            @Option(names = "--paused", description = "Create it paused.") boolean paused,
            @Option(
                            names = "--drill-into",
                            paramLabel = "CLUSTER",
                            description = "After a run, restore its backup as a drill into this cluster (scratch"
                                    + " namespaces, verified, removed; a signed report): cairn recovery list.")
                    String drillInto,
            @Option(
                            names = "--drill-every",
                            paramLabel = "DURATION",
                            description = "At most one drill so often (ISO-8601, at least PT1H; default P7D).")
                    String drillEvery,
            @Option(
                            names = "--immutable-for",
                            paramLabel = "DURATION",
                            description = "Make each backup immutable for this long after it completes (ISO-8601,"
                                    + " P1D to P3650D): object lock holds it, nobody can delete it before then."
                                    + " Refused where the home region's store cannot lock objects.")
                    String immutableFor,
            @Mixin Output output) {
        Platform api = platform.signedIn();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("clusterId", api.clusterId(cluster));
        body.put("backup", selection.spec(volumes));
        body.put("schedule", when.schedule());
        body.put("retention", keep.rules());
        body.put("paused", paused);
        if (drillInto != null) {
            Map<String, Object> drill = new LinkedHashMap<>();
            drill.put("targetClusterId", api.clusterId(drillInto));
            if (drillEvery != null) {
                drill.put("every", drillEvery);
            }
            body.put("drill", drill);
        }
        if (immutableFor != null) {
            body.put("immutability", Map.of("period", immutableFor));
        }
        JsonNode created = api.post(POLICIES, body);
        print(created, output);
        return ExitStatus.OK;
    }

    @Command(name = "list", description = "The tenant's policies with their next fire.")
    int list(@Mixin Output output) {
        List<JsonNode> all = platform.signedIn().every(POLICIES + "?limit=500");
        Table table = new Table("NAME", "PHASE", "CLUSTER", "SCHEDULE", "NEXT FIRE", "FAILURES", "ID");
        all.forEach(p -> table.row(
                p.path("name").asText(),
                p.path("phase").asText(),
                p.path("clusterId").asText(),
                schedule(p.path("schedule")),
                p.path("nextFireAt").asText(null),
                p.path("consecutiveFailures").asInt(),
                p.path("id").asText()));
        output.print(all, table, io.out());
        return ExitStatus.OK;
    }

    @Command(name = "describe", description = "One policy: what, when, what it keeps, its next fire.")
    int describe(
            @Parameters(paramLabel = "POLICY", description = "Its id or name.") String policy, @Mixin Output output) {
        Platform api = platform.signedIn();
        print(api.get(POLICIES + "/" + api.policyId(policy)), output);
        return ExitStatus.OK;
    }

    @Command(name = "pause", description = "Hold a policy's schedule.")
    int pause(@Parameters(paramLabel = "POLICY", description = "Its id or name.") String policy, @Mixin Output output) {
        Platform api = platform.signedIn();
        print(api.post(POLICIES + "/" + api.policyId(policy) + "/pause", null), output);
        return ExitStatus.OK;
    }

    @Command(name = "resume", description = "Let a paused policy fire again.")
    int resume(
            @Parameters(paramLabel = "POLICY", description = "Its id or name.") String policy, @Mixin Output output) {
        Platform api = platform.signedIn();
        print(api.post(POLICIES + "/" + api.policyId(policy) + "/resume", null), output);
        return ExitStatus.OK;
    }

    @Command(
            name = "run",
            description = "Run a policy now, outside its schedule; --wait follows its backup to the end.")
    int run(
            @Parameters(paramLabel = "POLICY", description = "Its id or name.") String policy,
            @Option(names = "--wait", description = "Follow the backup until it ends; the exit status is its phase.")
                    boolean await,
            @Mixin Output output) {
        Platform api = platform.signedIn();
        UUID id = api.policyId(policy);
        JsonNode run = api.post(POLICIES + "/" + id + "/run", null);
        if (await && run.path("commandId").isTextual()) {
            UUID cluster = UUID.fromString(
                    api.get(POLICIES + "/" + id).path("clusterId").asText());
            JsonNode command = api.get(
                    "clusters/" + cluster + "/commands/" + run.path("commandId").asText());
            return new CommandWatch(api, io, output).follow(cluster, command);
        }
        Table table = runsTable();
        addRun(table, run);
        output.print(run, table, io.out());
        return ExitStatus.OK;
    }

    @Command(name = "runs", description = "A policy's runs, newest first: how each ended and why.")
    int runs(
            @Parameters(paramLabel = "POLICY", description = "Its id or name.") String policy,
            @Option(
                            names = "--limit",
                            defaultValue = "20",
                            paramLabel = "N",
                            description = "At most N (default ${DEFAULT-VALUE}).")
                    int limit,
            @Mixin Output output) {
        Platform api = platform.signedIn();
        JsonNode runs = api.get(POLICIES + "/" + api.policyId(policy) + "/runs?limit=" + limit)
                .path("items");
        Table table = runsTable();
        runs.forEach(r -> addRun(table, r));
        output.print(runs, table, io.out());
        return ExitStatus.OK;
    }

    private static Table runsTable() {
        return new Table("ID", "PHASE", "PLANNED", "FIRED", "BACKUP", "REASON");
    }

    private static void addRun(Table table, JsonNode r) {
        table.row(
                r.path("id").asText(),
                r.path("phase").asText(),
                r.path("manual").asBoolean() ? "(run now)" : r.path("plannedAt").asText(),
                r.path("firedAt").asText(),
                r.path("backupId").asText(null),
                r.path("reason").asText(null));
    }

    @Command(name = "delete", description = "Delete a policy (its backups stay).")
    int delete(@Parameters(paramLabel = "POLICY", description = "Its id or name.") String policy) {
        Platform api = platform.signedIn();
        api.delete(POLICIES + "/" + api.policyId(policy));
        io.out().println("Policy " + policy + " deleted; its backups stay.");
        return ExitStatus.OK;
    }

    private void print(JsonNode p, Output output) {
        Table table = new Table("FIELD", "VALUE")
                .row("name", p.path("name").asText())
                .row("id", p.path("id").asText())
                .row("phase", p.path("phase").asText())
                .row("cluster", p.path("clusterId").asText())
                .row("what", given(p.path("backup")))
                .row("schedule", schedule(p.path("schedule")))
                .row("jitter", p.path("jitterOffset").asText(null))
                .row("keeps", given(p.path("retention")))
                .row("next fire", p.path("nextFireAt").asText(null))
                .row(
                        "drills",
                        p.path("drill").isObject()
                                ? "into "
                                        + p.path("drill")
                                                .path("targetClusterId")
                                                .asText() + ", at most every "
                                        + p.path("drill").path("every").asText() + "; last "
                                        + p.path("lastDrillAt").asText("never")
                                : null)
                .row("failures in a row", p.path("consecutiveFailures").asInt());
        output.print(p, table, io.out());
    }

    /** The fields of an object that are set (not null, not empty), as {@code name=value} pairs. */
    private static String given(JsonNode object) {
        List<String> fields = new ArrayList<>();
        object.properties().forEach(f -> {
            JsonNode v = f.getValue();
            if (!v.isNull() && !(v.isContainerNode() && v.isEmpty()) && !(v.isBoolean() && !v.asBoolean())) {
                fields.add(f.getKey() + "=" + (v.isValueNode() ? v.asText() : v.toString()));
            }
        });
        return fields.isEmpty() ? "everything" : String.join(" ", fields);
    }

    private static String schedule(JsonNode s) {
        return s.path("cron").isTextual()
                ? s.path("cron").asText() + " " + s.path("timeZone").asText("UTC")
                : "every " + s.path("interval").asText();
    }
}
