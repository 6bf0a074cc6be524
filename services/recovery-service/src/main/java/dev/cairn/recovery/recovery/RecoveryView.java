package dev.cairn.recovery.recovery;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A recovery as its tenant sees it.
 *
 * @param selector how the backup was chosen
 * @param restore the RESTORE command's spec
 * @param reason why it entered its phase
 * @param region the region the restore reads from, once Staging chose it
 * @param regions what Staging found in each region (home first)
 * @param commandId the RESTORE command sent to the target cluster's agent
 * @param progress the agent's last progress (bytes, files, rate)
 * @param report the agent's restore report
 * @param verification what Verifying checked
 * @param lastError the last failure of a step being retried
 * @param rtoSeconds the measured recovery time, request to end
 * @param drill a restore drill: restored into scratch namespaces, verified, the scratch namespaces removed
 * @param transitions every transition, in order (one recovery only, not in lists)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RecoveryView(
        UUID id,
        boolean drill,
        RecoveryPhase phase,
        String reason,
        UUID backupId,
        String selector,
        UUID targetClusterId,
        JsonNode restore,
        String region,
        JsonNode regions,
        UUID commandId,
        JsonNode progress,
        JsonNode report,
        JsonNode verification,
        boolean cancelRequested,
        String lastError,
        String requestedBy,
        Instant createdAt,
        Instant finishedAt,
        Double rtoSeconds,
        List<Transition> transitions) {

    static RecoveryView of(Recovery r, List<Transition> transitions) {
        return new RecoveryView(
                r.id(),
                r.drill(),
                r.phase(),
                r.reason(),
                r.backupId(),
                r.selector(),
                r.targetClusterId(),
                r.spec(),
                r.region(),
                r.regions(),
                r.commandId(),
                r.progress(),
                r.report(),
                r.verification(),
                r.cancelRequested(),
                r.lastError(),
                r.requestedBy(),
                r.createdAt(),
                r.finishedAt(),
                r.rtoSeconds(),
                transitions);
    }
}
