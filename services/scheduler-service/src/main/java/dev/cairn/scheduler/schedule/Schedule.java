package dev.cairn.scheduler.schedule;

import java.time.Duration;

/**
 * When a policy runs: a cron expression in an IANA time zone, or a fixed interval; and the window within which its
 * fire time is shifted by a jitter of its own (stable: the same for every fire of one policy), so that many policies
 * saying "0 2 * * *" do not all start at 02:00:00.
 *
 * @param cron five-field cron (minute hour day-of-month month day-of-week) or {@code @daily} and friends
 * @param timeZone the cron's IANA time zone (default UTC), e.g. {@code Europe/Paris}
 * @param interval instead of a cron: every this long (at least a minute)
 * @param jitter the window of the policy's jitter, from none ({@code PT0S}) to an hour; absent: a tenth of the time
 *     between two fires, at most five minutes
 */
public record Schedule(String cron, String timeZone, Duration interval, Duration jitter) {
    /** The shortest interval. */
    public static final Duration MIN_INTERVAL = Duration.ofMinutes(1);
    /** The widest jitter window. */
    public static final Duration MAX_JITTER = Duration.ofHours(1);
    /** The jitter window when none is given, at most. */
    public static final Duration DEFAULT_JITTER = Duration.ofMinutes(5);
}
