package dev.cairn.api.agent.command;

import java.util.List;
import java.util.UUID;

/**
 * What one poll hands an agent ({@code GET /api/v1/agent/commands?wait=S}): commands to start, and ids of commands
 * it runs that the tenant cancelled.
 *
 * @param leaseSeconds how long a delivered command waits for its Running report before it is delivered again
 * @param superseded true when a newer poll of the same cluster ended this one (one poll waits per cluster): two
 *     agents of one cluster are polling, and this one should wait a little before it polls again (absent from older
 *     platforms: false)
 */
public record Delivery(List<Command> commands, List<UUID> cancel, long leaseSeconds, Boolean superseded) {

    public Delivery {
        commands = commands == null ? List.of() : commands;
        cancel = cancel == null ? List.of() : cancel;
        superseded = Boolean.TRUE.equals(superseded);
    }

    /** A delivery of a poll that was not superseded. */
    public Delivery(List<Command> commands, List<UUID> cancel, long leaseSeconds) {
        this(commands, cancel, leaseSeconds, false);
    }

    /**
     * A command to start: its kind and the spec of that kind (the other specs are absent).
     *
     * @param backup for BACKUP
     * @param restore for RESTORE
     * @param browse for BROWSE
     * @param traceparent the W3C trace context of the request that queued it (a tenant's, a policy's fire): the
     *     agent sends its reports on the command in that trace; absent from older platforms, and outside any trace
     */
    public record Command(
            UUID id, CommandKind kind, BackupSpec backup, RestoreSpec restore, BrowseSpec browse, String traceparent) {
        /** A command outside any trace. */
        public Command(UUID id, CommandKind kind, BackupSpec backup, RestoreSpec restore, BrowseSpec browse) {
            this(id, kind, backup, restore, browse, null);
        }

        /** A BACKUP or RESTORE command. */
        public Command(UUID id, CommandKind kind, BackupSpec backup, RestoreSpec restore) {
            this(id, kind, backup, restore, null);
        }
    }
}
