package dev.cairn.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.agent.progress.Progress;
import dev.cairn.api.agent.command.CommandKind;
import dev.cairn.api.agent.command.CommandPhase;
import dev.cairn.cli.ExitStatus;
import dev.cairn.cli.Io;
import dev.cairn.cli.output.Output;
import dev.cairn.cli.output.Table;
import dev.cairn.cli.platform.CliException;
import dev.cairn.cli.platform.Platform;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Shows a command sent to a cluster's agent, and follows it to its end when asked: progress (bytes, files, rate,
 * ETA) on standard error, then the final answer on standard output and its phase as the exit status.
 */
public final class CommandWatch {
    /** How often a followed command is read again. */
    static final Duration POLL = Duration.ofSeconds(1);

    private final Platform api;
    private final Io io;
    private final Output output;

    public CommandWatch(Platform api, Io io, Output output) {
        this.api = api;
        this.io = io;
        this.output = output;
    }

    /**
     * Sends a command of {@code kind} with its {@code spec} to a cluster's agent (the cluster's id or name), prints it
     * and, with {@code follow}, waits for its end first; answers the exit status.
     */
    public int send(String cluster, CommandKind kind, Object spec, boolean follow) {
        UUID clusterId = api.clusterId(cluster);
        JsonNode created = api.post(
                "clusters/" + clusterId + "/commands",
                Map.of("kind", kind, kind.name().toLowerCase(Locale.ROOT), spec));
        return report(clusterId, created, follow);
    }

    /** Prints a command just created; with {@code follow}, waits for its end first. */
    private int report(UUID clusterId, JsonNode command, boolean follow) {
        if (follow) {
            return follow(clusterId, command);
        }
        if (!output.isTable()) {
            output.print(command, io.out());
        } else {
            io.out()
                    .println(command.path("kind").asText() + " command "
                            + command.path("id").asText() + " "
                            + command.path("phase").asText() + "; follow it with: cairn command get "
                            + command.path("id").asText() + " --cluster " + clusterId + " --watch");
        }
        return ExitStatus.OK;
    }

    /** Reads the command until it is final, showing its progress; prints it and answers its exit status. */
    public int follow(UUID clusterId, JsonNode command) {
        command = awaitEnd(clusterId, command);
        print(command);
        return ExitStatus.of(phase(command));
    }

    /** Reads the command until it is final, showing its progress on standard error; answers it as it ended. */
    public JsonNode awaitEnd(UUID clusterId, JsonNode command) {
        String path =
                "clusters/" + clusterId + "/commands/" + command.path("id").asText();
        String shown = "";
        while (!phase(command).isFinal()) {
            String line = progressLine(command);
            if (!line.equals(shown) && output.isTable()) {
                io.err().println(line);
                shown = line;
            }
            sleep();
            command = api.get(path);
        }
        return command;
    }

    /** Prints one command: as a table of its fields, or its JSON or YAML. */
    public void print(JsonNode c) {
        Table table = new Table("FIELD", "VALUE")
                .row("id", c.path("id").asText())
                .row("cluster", c.path("clusterId").asText())
                .row("kind", c.path("kind").asText())
                .row("phase", c.path("phase").asText())
                .row("created", c.path("createdAt").asText(null))
                .row("started", c.path("startedAt").asText(null))
                .row("finished", c.path("finishedAt").asText(null))
                .row("deliveries", c.path("deliveries").asInt())
                .row("cancel requested", c.path("cancelRequested").asBoolean() ? "yes" : "no")
                .row("progress", c.path("progress").isObject() ? progressLine(c) : null)
                .row("message", c.path("message").asText(null));
        output.print(c, table, io.out());
    }

    /** One line of a command's phase and progress, e.g. "Running: 1.2 GiB, 340 files, 45 MiB/s, ETA 12 s". */
    static String progressLine(JsonNode command) {
        JsonNode p = command.path("progress");
        StringBuilder line = new StringBuilder(command.path("phase").asText());
        if (p.isObject()) {
            line.append(": ");
            if (p.path("stage").isTextual()) {
                line.append(p.path("stage").asText()).append(", ");
            }
            line.append(Progress.bytes(p.path("bytes").asLong()));
            if (p.path("totalBytes").asLong() > 0) {
                line.append(" of ").append(Progress.bytes(p.path("totalBytes").asLong()));
            }
            line.append(String.format(
                    Locale.ROOT,
                    ", %d files, %s/s",
                    p.path("files").asLong(),
                    Progress.bytes(p.path("bytesPerSecond").asLong())));
            if (p.path("etaSeconds").isNumber()) {
                line.append(", ETA ")
                        .append(Progress.duration(p.path("etaSeconds").asLong()));
            }
        }
        return line.toString();
    }

    private static CommandPhase phase(JsonNode command) {
        try {
            return CommandPhase.valueOf(command.path("phase").asText());
        } catch (IllegalArgumentException e) {
            throw new CliException("the platform answered an unknown phase: " + command.path("phase"));
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
    }
}
