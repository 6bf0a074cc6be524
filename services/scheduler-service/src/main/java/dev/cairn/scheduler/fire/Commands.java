package dev.cairn.scheduler.fire;

import dev.cairn.api.agent.command.BackupSpec;
import dev.cairn.api.agent.command.CommandPhase;
import java.util.UUID;

/** The commands of policy runs, as the tenant service keeps them (called with the scheduler's own identity). */
public interface Commands {
    /**
     * A command as far as a run needs it.
     *
     * @param id the command
     * @param phase where it is
     * @param backupId the backup it made, once the agent reported one
     * @param message the agent's last message
     */
    record Command(UUID id, CommandPhase phase, UUID backupId, String message) {}

    /** Queues the run's BACKUP command; a repeated run id answers the command queued first. */
    Command queue(UUID tenantId, UUID clusterId, UUID policyId, UUID runId, BackupSpec backup);

    /** The command as it is now. */
    Command get(UUID commandId);

    /** Cancels a command its agent has not taken. */
    Command cancel(UUID commandId);
}
