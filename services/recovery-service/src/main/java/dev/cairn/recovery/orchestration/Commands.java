package dev.cairn.recovery.orchestration;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.api.agent.command.CommandPhase;
import dev.cairn.api.agent.command.RestoreSpec;
import java.util.UUID;

/** The RESTORE commands of recoveries, through the tenant service. */
public interface Commands {
    /** A command as a recovery follows it. */
    record Command(UUID id, CommandPhase phase, JsonNode progress, JsonNode report, String message) {}

    /**
     * Queues the recovery's RESTORE command for its target cluster, once: asking again answers the same command.
     *
     * @throws Refused when the tenant service refuses it for good (the cluster is gone or revoked)
     */
    Command queueRestore(UUID tenantId, UUID clusterId, UUID recoveryId, RestoreSpec restore);

    /** A command. */
    Command get(UUID commandId);

    /** Asks to cancel a command (its agent is told); a command that has ended is answered as it is. */
    Command cancel(UUID commandId);

    /** The tenant service refused a command for good; the message says why. */
    final class Refused extends RuntimeException {
        public Refused(String message) {
            super(message, null, false, false);
        }
    }
}
