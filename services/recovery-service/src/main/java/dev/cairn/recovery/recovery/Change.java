package dev.cairn.recovery.recovery;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.UUID;

/**
 * What a step of the state machine records: a transition (or none), the fields it learnt (null: unchanged), and when
 * the next step is due.
 *
 * @param to the phase to enter; null to stay
 * @param reason why (for a transition), or the error a retried step failed with
 * @param next when the next step is due, from now
 * @param failed whether the step failed for a passing reason (counts an attempt, keeps the error)
 */
public record Change(
        RecoveryPhase to,
        String reason,
        Duration next,
        boolean failed,
        String region,
        JsonNode regions,
        UUID commandId,
        JsonNode progress,
        JsonNode report,
        JsonNode verification) {

    /** Enter {@code to} for {@code reason}; the next step is due at once. */
    public static Change to(RecoveryPhase to, String reason) {
        return new Change(to, reason, Duration.ZERO, false, null, null, null, null, null, null);
    }

    /** Stay, and step again after {@code next}. */
    public static Change stay(Duration next) {
        return new Change(null, null, next, false, null, null, null, null, null, null);
    }

    /** Stay after a failure that may pass, and step again after {@code next}. */
    public static Change retry(String error, Duration next) {
        return new Change(null, error, next, true, null, null, null, null, null, null);
    }

    public Change withRegion(String region, JsonNode regions) {
        return new Change(to, reason, next, failed, region, regions, commandId, progress, report, verification);
    }

    public Change withCommand(UUID commandId) {
        return new Change(to, reason, next, failed, region, regions, commandId, progress, report, verification);
    }

    public Change withProgress(JsonNode progress) {
        return new Change(to, reason, next, failed, region, regions, commandId, progress, report, verification);
    }

    public Change withReport(JsonNode report) {
        return new Change(to, reason, next, failed, region, regions, commandId, progress, report, verification);
    }

    public Change withVerification(JsonNode verification) {
        return new Change(to, reason, next, failed, region, regions, commandId, progress, report, verification);
    }
}
