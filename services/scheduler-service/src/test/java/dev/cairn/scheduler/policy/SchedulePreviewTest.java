package dev.cairn.scheduler.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.platform.problem.ProblemException;
import dev.cairn.scheduler.schedule.Schedule;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SchedulePreviewTest {
    private static final Instant NOW = Instant.parse("2026-03-27T12:00:00Z");

    @Test
    void aCronsNextFiresAreInItsTimeZoneAcrossADaylightSavingChange() {
        SchedulePreview p = SchedulePreview.of(new Schedule("0 2 * * *", "Europe/Paris", null, null), 3, NOW);
        assertThat(p.timeZone()).isEqualTo("Europe/Paris");
        // 2026-03-29: the clocks go from 02:00 to 03:00 in Paris, so 02:00 does not exist that day
        assertThat(p.fires())
                .extracting(f -> f.at().toString())
                .containsExactly("2026-03-28T01:00:00Z", "2026-03-30T00:00:00Z", "2026-03-31T00:00:00Z");
        assertThat(p.fires().get(0).local().toString()).isEqualTo("2026-03-28T02:00+01:00");
        assertThat(p.fires().get(1).local().toString()).isEqualTo("2026-03-30T02:00+02:00");
        assertThat(p.jitterUpTo()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void anIntervalCountsFromNowInUtc() {
        SchedulePreview p = SchedulePreview.of(new Schedule(null, null, Duration.ofHours(6), Duration.ZERO), 2, NOW);
        assertThat(p.timeZone()).isEqualTo("UTC");
        assertThat(p.jitterUpTo()).isZero();
        assertThat(p.fires())
                .extracting(f -> f.at().toString())
                .containsExactly("2026-03-27T18:00:00Z", "2026-03-28T00:00:00Z");
    }

    @Test
    void aScheduleThatIsWrongIsRefusedNamingItsField() {
        assertThatThrownBy(() -> SchedulePreview.of(new Schedule("0 2 * *", null, null, null), 5, NOW))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.errors().get(0).field()).isEqualTo("cron");
                });
        assertThatThrownBy(() -> SchedulePreview.of(new Schedule("@daily", "Mars/Olympus", null, null), 5, NOW))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        e -> assertThat(e.errors().get(0).field()).isEqualTo("timeZone"));
    }
}
