package dev.cairn.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.cli.ExitStatus;
import dev.cairn.cli.Io;
import dev.cairn.cli.output.Output;
import dev.cairn.cli.output.Table;
import dev.cairn.cli.platform.Platform;
import dev.cairn.cli.platform.PlatformOption;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "command",
        description = "The commands sent to a cluster's agent (backups and restores): list, follow, cancel.",
        synopsisSubcommandLabel = "(list | get | cancel)",
        footerHeading = "%nExamples:%n",
        footer = {
            "  cairn command list --cluster prod-eu",
            "  cairn command get 8d2e… --cluster prod-eu --watch     # live progress, then the report",
            "  cairn command cancel 8d2e… --cluster prod-eu"
        })
public final class CommandCommand {
    private final Io io;

    @Option(
            names = "--cluster",
            required = true,
            paramLabel = "CLUSTER",
            scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "The cluster (id or name).")
    String cluster;

    @Mixin
    PlatformOption platform;

    CommandCommand(Io io) {
        this.io = io;
    }

    @Command(name = "list", description = "The cluster's latest commands, newest first.")
    int list(
            @Option(
                            names = "--limit",
                            defaultValue = "50",
                            paramLabel = "N",
                            description = "At most N (1 to 500, default ${DEFAULT-VALUE}).")
                    int limit,
            @Mixin Output output) {
        Platform api = platform.signedIn();
        JsonNode commands = api.get("clusters/" + api.clusterId(cluster) + "/commands?limit=" + limit)
                .path("items");
        Table table = new Table("ID", "KIND", "PHASE", "CREATED", "FINISHED", "MESSAGE");
        commands.forEach(c -> table.row(
                c.path("id").asText(),
                c.path("kind").asText(),
                c.path("phase").asText(),
                c.path("createdAt").asText(null),
                c.path("finishedAt").asText(null),
                c.path("message").asText(null)));
        output.print(commands, table, io.out());
        return ExitStatus.OK;
    }

    @Command(name = "get", description = "One command with its progress and report; --watch follows it to the end.")
    int get(
            @Parameters(paramLabel = "COMMAND_ID") UUID id,
            @Option(names = "--watch", description = "Follow it until it ends; the exit status is its phase.")
                    boolean watch,
            @Mixin Output output) {
        Platform api = platform.signedIn();
        UUID clusterId = api.clusterId(cluster);
        JsonNode command = api.get("clusters/" + clusterId + "/commands/" + id);
        CommandWatch commands = new CommandWatch(api, io, output);
        if (watch) {
            return commands.follow(clusterId, command);
        }
        commands.print(command);
        return ExitStatus.OK;
    }

    @Command(name = "cancel", description = "Cancel a command that has not finished.")
    int cancel(@Parameters(paramLabel = "COMMAND_ID") UUID id, @Mixin Output output) {
        Platform api = platform.signedIn();
        JsonNode command = api.post("clusters/" + api.clusterId(cluster) + "/commands/" + id + "/cancel", null);
        new CommandWatch(api, io, output).print(command);
        return ExitStatus.OK;
    }
}
