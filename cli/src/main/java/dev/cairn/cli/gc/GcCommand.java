package dev.cairn.cli.gc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.agent.progress.Progress;
import dev.cairn.cli.ExitStatus;
import dev.cairn.cli.Io;
import dev.cairn.cli.output.Output;
import dev.cairn.cli.output.Table;
import dev.cairn.cli.platform.Platform;
import dev.cairn.cli.platform.PlatformOption;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "gc",
        description = {
            "Garbage collection, for platform operators: sweep chunks no backup references, rewrite packs that are",
            "mostly dead, give the space back. A dry run (what would be swept and given back) unless --apply."
        },
        subcommands = GcCommand.Runs.class,
        footerHeading = "%nExamples:%n",
        footer = {
            "  cairn gc                                  # every tenant, dry run",
            "  cairn gc --tenant 3f6c… --apply           # one tenant, for real",
            "  cairn gc runs --tenant 3f6c…              # what the last runs gave back"
        })
public final class GcCommand implements Callable<Integer> {
    private final Io io;

    @Option(names = "--tenant", paramLabel = "TENANT_ID", description = "Only this tenant (default: every tenant).")
    UUID tenant;

    @Option(names = "--apply", description = "Collect for real (default: a dry run that changes nothing).")
    boolean apply;

    @Mixin
    PlatformOption platform;

    @Mixin
    Output output;

    GcCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        Platform api = platform.signedIn();
        JsonNode report =
                api.post("admin/gc?dryRun=" + !apply + (tenant == null ? "" : "&tenant=" + tenant), java.util.Map.of());
        Table table = table();
        report.path("tenants").forEach(t -> row(table, t));
        output.print(report, table, io.out());
        if (output.isTable()) {
            io.out()
                    .printf(
                            "%s: %d chunk(s) swept, %s given back%n",
                            report.path("dryRun").asBoolean()
                                    ? "Dry run (nothing changed; --apply to collect)"
                                    : "Collected",
                            report.path("chunksSwept").asLong(),
                            Progress.bytes(report.path("reclaimedBytes").asLong()));
        }
        return ExitStatus.OK;
    }

    static Table table() {
        return new Table(
                "TENANT", "FINISHED", "CHUNKS SWEPT", "SWEPT", "REWRITTEN", "EMPTIED", "OBJECTS DELETED", "GIVEN BACK");
    }

    static void row(Table table, JsonNode t) {
        table.row(
                t.path("tenantId").asText(),
                t.path("finishedAt").asText(),
                t.path("chunksSwept").asLong(),
                Progress.bytes(t.path("sweptBytes").asLong()),
                t.path("packsRewritten").asInt(),
                t.path("packsEmptied").asInt(),
                t.path("objectsDeleted").asInt(),
                Progress.bytes(t.path("reclaimedBytes").asLong()));
    }

    @Command(name = "runs", description = "Recorded collections per tenant, newest first.")
    static final class Runs implements Callable<Integer> {
        private final Io io;

        @Option(names = "--tenant", paramLabel = "TENANT_ID", description = "Only this tenant's.")
        UUID tenant;

        @Option(
                names = "--limit",
                defaultValue = "20",
                paramLabel = "N",
                description = "At most N (1 to 500, default ${DEFAULT-VALUE}).")
        int limit;

        @Mixin
        PlatformOption platform;

        @Mixin
        Output output;

        Runs(Io io) {
            this.io = io;
        }

        @Override
        public Integer call() {
            JsonNode page = platform.signedIn()
                    .get("admin/gc/runs?limit=" + limit + (tenant == null ? "" : "&tenant=" + tenant));
            Table table = table();
            page.path("items").forEach(t -> row(table, t));
            output.print(page.path("items"), table, io.out());
            return ExitStatus.OK;
        }
    }
}
