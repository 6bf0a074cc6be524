package dev.cairn.scheduler.policy;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * A policy's immutability: each backup it makes is held by S3 object lock for {@code period} after it completes, and
 * nobody (the tenant's administrators, the policy's own retention, the platform's operators in compliance mode) can
 * delete or change it before then. Refused where the tenant's home region cannot lock objects.
 *
 * @param period how long each backup stays immutable (ISO-8601 duration, from a day to ten years)
 */
public record Immutability(@NotNull Duration period) {
    /** The shortest period. */
    public static final Duration MIN = Duration.ofDays(1);
    /** The longest period. */
    public static final Duration MAX = Duration.ofDays(3650);

    /** Why the period cannot be, in a tenant's words; null when it can (checked as {@code immutability.period}). */
    String refusal() {
        return period.compareTo(MIN) >= 0 && period.compareTo(MAX) <= 0
                ? null
                : "an immutability period is a day to ten years (P1D to P3650D)";
    }
}
