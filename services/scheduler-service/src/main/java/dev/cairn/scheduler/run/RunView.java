package dev.cairn.scheduler.run;

import java.time.Instant;
import java.util.UUID;

/**
 * A policy's run as its tenant sees it.
 *
 * @param plannedAt the schedule's time (without jitter), or when "run now" was asked
 * @param dueAt when it was due: the planned time plus the policy's jitter
 * @param firedAt when it fired
 * @param manual true for "run now"
 * @param reason why it ended as it did
 * @param commandId its BACKUP command (cairn command get)
 * @param backupId the backup it made, once it has one
 * @param expiredAt when the policy's retention deleted that backup
 * @param expiredBecause why
 */
public record RunView(
        UUID id,
        UUID policyId,
        RunPhase phase,
        Instant plannedAt,
        Instant dueAt,
        Instant firedAt,
        boolean manual,
        String reason,
        UUID commandId,
        UUID backupId,
        Instant finishedAt,
        Instant expiredAt,
        String expiredBecause) {
    public static RunView of(PolicyRun r) {
        return new RunView(
                r.id,
                r.policyId,
                r.phase,
                r.plannedAt,
                r.dueAt,
                r.firedAt,
                r.manual,
                r.reason,
                r.commandId,
                r.backupId,
                r.finishedAt,
                r.expiredAt,
                r.expiredBecause);
    }
}
