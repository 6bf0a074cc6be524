package dev.cairn.scheduler.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TimetableTest {
    private static final UUID POLICY = UUID.fromString("6f1c0a4e-8d2e-4a55-9c4b-0d5e7f1a2b3c");
    private static final Instant ANCHOR = Instant.parse("2026-12-02T00:00:00Z");

    private static Timetable cron(String cron, String zone) {
        return Timetable.of(new Schedule(cron, zone, null, Duration.ZERO), POLICY, ANCHOR);
    }

    @Test
    void aCronFiresInItsTimeZone() {
        // 02:00 in Paris is 01:00 UTC in winter
        assertThat(cron("0 2 * * *", "Europe/Paris").next(ANCHOR).planned())
                .isEqualTo(Instant.parse("2026-12-02T01:00:00Z"));
        assertThat(cron("0 2 * * *", null).next(ANCHOR).planned()).isEqualTo(Instant.parse("2026-12-02T02:00:00Z"));
        assertThat(cron("@daily", "America/New_York").next(ANCHOR).planned())
                .isEqualTo(Instant.parse("2026-12-02T05:00:00Z"));
    }

    @Test
    void crontabsDaysOfTheWeekCountFromSundayAsZeroOrSeven() {
        Instant saturday = Instant.parse("2026-12-05T12:00:00Z");
        Instant next = cron("0 9 * * 1-5", null).next(saturday).planned();
        assertThat(next.atZone(ZoneId.of("UTC")).getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
        for (String sunday : new String[] {"0", "7", "SUN", "sun"}) {
            assertThat(cron("0 0 * * " + sunday, null)
                            .next(saturday)
                            .planned()
                            .atZone(ZoneId.of("UTC"))
                            .getDayOfWeek())
                    .as(sunday)
                    .isEqualTo(DayOfWeek.SUNDAY);
        }
        assertThat(cron("0 0 * * MON,WED,5", null).next(saturday).planned())
                .isEqualTo(Instant.parse("2026-12-07T00:00:00Z"));
    }

    @Test
    void everyMinuteFiresEveryMinute() {
        Timetable t = cron("* * * * *", null);
        Timetable.Fire first = t.next(ANCHOR);
        assertThat(t.next(first.at()).planned()).isEqualTo(first.planned().plusSeconds(60));
    }

    @Test
    void badSchedulesNameTheFieldAtFault() {
        assertThatThrownBy(() -> cron("61 * * * *", null))
                .isInstanceOfSatisfying(
                        InvalidScheduleException.class,
                        e -> assertThat(e.field()).isEqualTo("cron"));
        assertThatThrownBy(() -> cron("0 2 * *", null)).hasMessageContaining("five fields");
        assertThatThrownBy(() -> cron("0 2 1 * 1", null))
                .hasMessageContaining("both the day of month and the day of week");
        assertThatThrownBy(() -> cron("0 2 * * */2", null)).hasMessageContaining("steps in the day of week");
        assertThatThrownBy(() -> cron("0 2 * * 8", null)).hasMessageContaining("not a day of the week");
        assertThatThrownBy(() -> cron("0 2 * * *", "Mars/Olympus_Mons"))
                .isInstanceOfSatisfying(
                        InvalidScheduleException.class,
                        e -> assertThat(e.field()).isEqualTo("timeZone"));
        assertThatThrownBy(() -> Timetable.of(new Schedule(null, null, Duration.ofSeconds(30), null), POLICY, ANCHOR))
                .isInstanceOfSatisfying(
                        InvalidScheduleException.class,
                        e -> assertThat(e.field()).isEqualTo("interval"));
        assertThatThrownBy(
                        () -> Timetable.of(new Schedule("0 2 * * *", null, Duration.ofHours(1), null), POLICY, ANCHOR))
                .hasMessageContaining("either a cron expression or an interval");
        assertThatThrownBy(() -> Timetable.of(new Schedule(null, null, null, null), POLICY, ANCHOR))
                .hasMessageContaining("either a cron expression or an interval");
        assertThatThrownBy(() -> Timetable.of(new Schedule("@daily", null, null, Duration.ofHours(2)), POLICY, ANCHOR))
                .isInstanceOfSatisfying(
                        InvalidScheduleException.class,
                        e -> assertThat(e.field()).isEqualTo("jitter"));
    }

    @Test
    void anIntervalCountsFromTheAnchor() {
        Timetable t = Timetable.of(new Schedule(null, null, Duration.ofHours(6), Duration.ZERO), POLICY, ANCHOR);
        assertThat(t.next(ANCHOR.plusSeconds(3600)).planned()).isEqualTo(ANCHOR.plus(Duration.ofHours(6)));
        assertThat(t.next(ANCHOR.plus(Duration.ofHours(6))).planned()).isEqualTo(ANCHOR.plus(Duration.ofHours(12)));
        assertThat(t.next(ANCHOR.minusSeconds(10)).planned()).isEqualTo(ANCHOR);
    }

    @Test
    void theJitterIsStableForAPolicyAndSpreadsPoliciesAcrossTheWindow() {
        Schedule nightly = new Schedule("0 2 * * *", "UTC", null, Duration.ofMinutes(5));
        Timetable one = Timetable.of(nightly, POLICY, ANCHOR);
        assertThat(Timetable.of(nightly, POLICY, ANCHOR.plusSeconds(999)).offset())
                .isEqualTo(one.offset());
        Timetable.Fire fire = one.next(ANCHOR);
        assertThat(fire.at()).isEqualTo(fire.planned().plus(one.offset()));
        // the next fire after this one's moment is tomorrow's, not this one again
        assertThat(one.next(fire.at()).planned()).isEqualTo(fire.planned().plus(Duration.ofDays(1)));

        Set<Long> offsets = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            Duration offset = Timetable.of(nightly, UUID.randomUUID(), ANCHOR).offset();
            assertThat(offset).isBetween(Duration.ZERO, Duration.ofMinutes(5));
            offsets.add(offset.toSeconds());
        }
        assertThat(offsets).as("1,000 policies over 301 possible seconds").hasSizeGreaterThan(250);
    }

    @Test
    void withoutAWindowTheJitterIsATenthOfThePeriodAtMostFiveMinutes() {
        for (int i = 0; i < 50; i++) {
            UUID policy = UUID.randomUUID();
            assertThat(Timetable.of(new Schedule("* * * * *", null, null, null), policy, ANCHOR)
                            .offset())
                    .isLessThanOrEqualTo(Duration.ofSeconds(6));
            assertThat(Timetable.of(new Schedule("@daily", null, null, null), policy, ANCHOR)
                            .offset())
                    .isLessThanOrEqualTo(Duration.ofMinutes(5));
        }
    }
}
