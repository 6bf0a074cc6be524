package dev.cairn.tenant.command;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** Deletes the files BROWSE commands sent once they have been kept {@code cairn.commands.download-keep}. */
@ApplicationScoped
public class CommandFileSweeper {
    private final CommandService commands;
    private final CommandsConfig config;

    public CommandFileSweeper(CommandService commands, CommandsConfig config) {
        this.commands = commands;
        this.config = config;
    }

    @Scheduled(
            every = "${cairn.commands.download-sweep-every:5m}",
            delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        commands.deleteFilesStoredBefore(Instant.now().minus(config.downloadKeep()));
    }
}
