package dev.cairn.scheduler.policy;

import dev.cairn.platform.problem.ProblemException;
import dev.cairn.scheduler.schedule.InvalidScheduleException;
import dev.cairn.scheduler.schedule.Schedule;
import dev.cairn.scheduler.schedule.Timetable;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The next planned fires of a schedule before any policy has it (the portal's cron helper, {@code cairn schedule
 * create --dry-run}): planned times, in UTC and in the schedule's time zone. A policy's own fires add its stable
 * jitter, up to {@code jitterUpTo}.
 *
 * @param timeZone the zone the local times are in
 * @param jitterUpTo the widest jitter a policy with this schedule gets
 * @param fires the next planned fires, soonest first
 */
public record SchedulePreview(String timeZone, Duration jitterUpTo, List<Fire> fires) {
    /** The most fires a preview lists. */
    public static final int MAX = 20;

    /**
     * One planned fire.
     *
     * @param at the instant (UTC)
     * @param local the same instant in the schedule's time zone, with its offset
     */
    public record Fire(Instant at, OffsetDateTime local) {}

    /** The next {@code count} planned fires of {@code schedule} after {@code now}; 400 naming the field at fault. */
    public static SchedulePreview of(Schedule schedule, int count, Instant now) {
        Timetable timetable;
        Duration jitter;
        ZoneId zone;
        try {
            // a preview has no policy yet: planned times without jitter, and an interval counts from now
            timetable = Timetable.of(
                    new Schedule(schedule.cron(), schedule.timeZone(), schedule.interval(), Duration.ZERO),
                    new UUID(0, 0),
                    now);
            jitter = Timetable.of(schedule, new UUID(0, 0), now).window();
            zone = schedule.interval() != null ? ZoneId.of("UTC") : Timetable.zone(schedule.timeZone());
        } catch (InvalidScheduleException e) {
            throw ProblemException.invalidField(e.field(), e.getMessage());
        }
        List<Fire> fires = new ArrayList<>();
        Instant after = now;
        for (int i = 0; i < count; i++) {
            Instant at = timetable.next(after).planned();
            fires.add(new Fire(at, at.atZone(zone).toOffsetDateTime()));
            after = at;
        }
        return new SchedulePreview(zone.getId(), jitter, fires);
    }
}
