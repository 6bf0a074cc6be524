package dev.cairn.recovery.recovery;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A recovery as recorded.
 *
 * @param selector how the backup was chosen: {@code backup}, or {@code latest Completed of cluster <id>}
 * @param spec the RESTORE command's spec
 * @param reason why it entered its phase
 * @param phaseSince when it did
 * @param region the region the restore reads from (chosen in Staging)
 * @param regions what Staging found in each region
 * @param progress the agent's last progress
 * @param report the agent's restore report
 * @param verification what Verifying checked
 * @param lastError the last failure of a step that is retried
 * @param drill a restore drill (scratch namespaces, removed after the restore)
 */
public record Recovery(
        UUID id,
        UUID tenantId,
        String requestedBy,
        UUID backupId,
        String selector,
        UUID targetClusterId,
        JsonNode spec,
        RecoveryPhase phase,
        String reason,
        Instant phaseSince,
        String region,
        JsonNode regions,
        UUID commandId,
        JsonNode progress,
        JsonNode report,
        JsonNode verification,
        boolean cancelRequested,
        int attempts,
        String lastError,
        Instant createdAt,
        Instant finishedAt,
        boolean drill) {

    /** The measured recovery time: from the request to its end; null until it ended. */
    public Double rtoSeconds() {
        return finishedAt == null
                ? null
                : Duration.between(createdAt, finishedAt).toMillis() / 1000.0;
    }
}
