package dev.cairn.scheduler.schedule;

import java.text.ParseException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.TimeZone;
import java.util.UUID;
import org.quartz.CronExpression;

/**
 * A policy's schedule made concrete: its planned fire times (cron in its time zone, or every interval from an
 * anchor) and its stable jitter. {@link #next} gives the next fire after a time; the same inputs give the same fires
 * on every scheduler instance.
 */
public final class Timetable {
    /**
     * One fire.
     *
     * @param planned when the schedule says (what a run is "for")
     * @param at when it fires: planned plus the policy's jitter
     */
    public record Fire(Instant planned, Instant at) {}

    private final CronExpression cron;
    private final Duration interval;
    private final Instant anchor;
    private final Duration window;
    private final Duration offset;

    private Timetable(CronExpression cron, Duration interval, Instant anchor, Duration window, UUID policy) {
        this.cron = cron;
        this.interval = interval;
        this.anchor = anchor;
        this.window = window == null ? defaultWindow() : window;
        this.offset = offset(policy, this.window);
    }

    /**
     * The timetable of {@code schedule} for a policy; an interval counts from {@code anchor} (the policy's creation).
     * Throws {@link InvalidScheduleException} naming the field at fault.
     */
    public static Timetable of(Schedule schedule, UUID policy, Instant anchor) {
        if ((schedule.cron() == null) == (schedule.interval() == null)) {
            throw new InvalidScheduleException("cron", "give either a cron expression or an interval");
        }
        Duration jitter = schedule.jitter();
        if (jitter != null && (jitter.isNegative() || jitter.compareTo(Schedule.MAX_JITTER) > 0)) {
            throw new InvalidScheduleException("jitter", "the jitter window is from PT0S to " + Schedule.MAX_JITTER);
        }
        if (schedule.interval() != null) {
            if (schedule.timeZone() != null) {
                throw new InvalidScheduleException(
                        "timeZone", "a time zone goes with a cron expression, not an interval");
            }
            if (schedule.interval().compareTo(Schedule.MIN_INTERVAL) < 0) {
                throw new InvalidScheduleException("interval", "the shortest interval is " + Schedule.MIN_INTERVAL);
            }
            return new Timetable(null, schedule.interval(), anchor, jitter, policy);
        }
        CronExpression cron;
        try {
            cron = new CronExpression(UnixCron.toQuartz(schedule.cron()));
        } catch (ParseException e) {
            throw new InvalidScheduleException(
                    "cron", "\"" + schedule.cron() + "\" is not a cron expression: " + e.getMessage());
        }
        cron.setTimeZone(TimeZone.getTimeZone(zone(schedule.timeZone())));
        if (cron.getNextValidTimeAfter(Date.from(anchor)) == null) {
            throw new InvalidScheduleException("cron", "\"" + schedule.cron() + "\" never fires");
        }
        return new Timetable(cron, null, anchor, jitter, policy);
    }

    /** The IANA time zone of that name (UTC when absent). */
    public static ZoneId zone(String timeZone) {
        if (timeZone == null) {
            return ZoneId.of("UTC");
        }
        try {
            ZoneId zone = ZoneId.of(timeZone);
            if (!ZoneId.getAvailableZoneIds().contains(zone.getId())
                    && !zone.getId().equals("UTC")) {
                throw new DateTimeException("not an IANA region");
            }
            return zone;
        } catch (DateTimeException e) {
            throw new InvalidScheduleException(
                    "timeZone",
                    "\"" + timeZone + "\" is not an IANA time zone (e.g. Europe/Paris, America/New_York, UTC)");
        }
    }

    /** The window of the jitter: a policy's fires fall this much after their planned times at most. */
    public Duration window() {
        return window;
    }

    /** This policy's jitter: where in its window its fires fall. */
    public Duration offset() {
        return offset;
    }

    /** The first fire strictly after {@code after}. */
    public Fire next(Instant after) {
        Instant plannedAfter = after.minus(offset);
        Instant planned = planned(plannedAfter);
        return new Fire(planned, planned.plus(offset));
    }

    private Instant planned(Instant after) {
        if (cron != null) {
            return cron.getNextValidTimeAfter(Date.from(after)).toInstant();
        }
        if (after.isBefore(anchor)) {
            return anchor;
        }
        long periods = Duration.between(anchor, after).toMillis() / interval.toMillis() + 1;
        return anchor.plus(interval.multipliedBy(periods));
    }

    /** A tenth of the time between the next two planned fires, at most the default window. */
    private Duration defaultWindow() {
        Instant first = planned(anchor);
        Duration period = Duration.between(first, planned(first));
        Duration tenth = period.dividedBy(10);
        return tenth.compareTo(Schedule.DEFAULT_JITTER) < 0 ? tenth : Schedule.DEFAULT_JITTER;
    }

    /** A point in the window chosen by the policy's id: spread evenly across policies, stable for each. */
    private static Duration offset(UUID policy, Duration window) {
        long seconds = window.toSeconds();
        if (seconds <= 0) {
            return Duration.ZERO;
        }
        long hash = policy.getMostSignificantBits() * 31 + policy.getLeastSignificantBits();
        hash ^= hash >>> 33;
        hash *= 0xff51afd7ed558ccdL;
        hash ^= hash >>> 33;
        return Duration.ofSeconds(Math.floorMod(hash, seconds + 1));
    }
}
