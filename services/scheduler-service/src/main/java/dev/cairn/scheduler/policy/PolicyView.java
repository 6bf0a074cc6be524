package dev.cairn.scheduler.policy;

import dev.cairn.api.agent.command.BackupSpec;
import dev.cairn.scheduler.retention.RetentionRules;
import dev.cairn.scheduler.run.RunPhase;
import dev.cairn.scheduler.schedule.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A policy as its tenant sees it.
 *
 * @param jitterOffset where in its jitter window this policy's fires fall
 * @param nextFireAt when it fires next (planned time plus jitter); absent while paused
 * @param lastRun its latest run: id, phase, when it fired; absent before the first
 * @param consecutiveFailures runs in a row that did not complete (Failed or Missed)
 * @param drill its restore drills, if it has them
 * @param lastDrillAt when the last drill was started
 * @param immutability how long each backup it makes stays immutable; absent: its backups are not
 */
public record PolicyView(
        UUID id,
        String name,
        UUID clusterId,
        PolicyPhase phase,
        BackupSpec backup,
        Schedule schedule,
        RetentionRules retention,
        Duration jitterOffset,
        Instant nextFireAt,
        LastRun lastRun,
        int consecutiveFailures,
        DrillSettings drill,
        Instant lastDrillAt,
        Immutability immutability,
        Instant createdAt,
        Instant updatedAt) {
    /** A policy's latest run, in short ({@code GET .../runs} has them all). */
    public record LastRun(UUID id, RunPhase phase, Instant firedAt) {}
}
