package dev.cairn.scheduler.policy;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.UUID;

/**
 * A policy's restore drill: after a run that made a backup, when the last drill is at least {@code every} old, that
 * backup is recovered as a drill into {@code targetClusterId} (scratch namespaces, verified, removed; a signed report
 * from the recovery service).
 *
 * @param targetClusterId the cluster the drills restore into (one of the tenant's; it may be the policy's own)
 * @param every how often at most (ISO-8601 duration, at least an hour; absent: a week)
 */
public record DrillSettings(@NotNull UUID targetClusterId, Duration every) {
    /** How often drills run when the policy does not say. */
    public static final Duration WEEKLY = Duration.ofDays(7);

    public DrillSettings {
        every = every == null ? WEEKLY : every;
    }

    @AssertTrue(message = "drills run at most every hour: give every as PT1H or more")
    boolean isEveryHourOrMore() {
        return every == null || every.compareTo(Duration.ofHours(1)) >= 0;
    }
}
