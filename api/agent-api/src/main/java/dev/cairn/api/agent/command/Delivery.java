package dev.cairn.api.agent.command;

import java.util.List;
import java.util.UUID;

/**
 * What one poll hands an agent ({@code GET /api/v1/agent/commands?wait=S}): commands to start, and ids of commands
 * it runs that the tenant cancelled.
 *
 * @param leaseSeconds how long a delivered command waits for its Running report before it is delivered again
 */
public record Delivery(List<Command> commands, List<UUID> cancel, long leaseSeconds) {

    public Delivery {
        commands = commands == null ? List.of() : commands;
        cancel = cancel == null ? List.of() : cancel;
    }

    /**
     * A command to start: its kind and the spec of that kind (the other specs are absent).
     *
     * @param backup for BACKUP
     * @param restore for RESTORE
     * @param browse for BROWSE
     */
    public record Command(UUID id, CommandKind kind, BackupSpec backup, RestoreSpec restore, BrowseSpec browse) {
        /** A BACKUP or RESTORE command. */
        public Command(UUID id, CommandKind kind, BackupSpec backup, RestoreSpec restore) {
            this(id, kind, backup, restore, null);
        }
    }
}
