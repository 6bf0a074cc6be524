package dev.cairn.cli.replication;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.cli.ExitStatus;
import dev.cairn.cli.Io;
import dev.cairn.cli.output.Output;
import dev.cairn.cli.output.Table;
import dev.cairn.cli.platform.PlatformOption;
import dev.cairn.cli.usage.UsageCommand;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
        name = "replication",
        description = {
            "Your replication to your DR region: objects and bytes not copied yet, and the lag (the age of the oldest",
            "object not copied yet: what losing your home region would lose now)."
        })
public final class ReplicationCommand implements Callable<Integer> {
    private final Io io;

    @Mixin
    PlatformOption platform;

    @Mixin
    Output output;

    ReplicationCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        JsonNode s = platform.signedIn().get("replication");
        Table table = new Table("FIELD", "VALUE")
                .row("home region", s.path("homeRegion").asText())
                .row(
                        "DR region",
                        s.path("drRegion").isTextual() ? s.path("drRegion").asText() : "none: nothing is replicated")
                .row("objects behind", s.path("objectsBehind").asLong())
                .row("bytes behind", UsageCommand.decimal(s.path("bytesBehind").asLong()))
                .row(
                        "lag",
                        String.format(
                                Locale.ROOT, "%.1f s", s.path("lagSeconds").asDouble()))
                .row("last copied", s.path("lastCopiedAt").asText("never"));
        if (s.path("lastError").isTextual()) {
            table.row("waiting because", s.path("lastError").asText());
        }
        output.print(s, table, io.out());
        return ExitStatus.OK;
    }
}
