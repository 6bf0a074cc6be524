package dev.cairn.scheduler.retention;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.scheduler.retention.Retention.Candidate;
import dev.cairn.scheduler.retention.Retention.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RetentionTest {
    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

    private static Candidate at(String instant) {
        return new Candidate(UUID.randomUUID(), Instant.parse(instant), true);
    }

    /** Backups every {@code step} going back from now, newest first. */
    private static List<Candidate> every(Duration step, int count) {
        List<Candidate> all = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            all.add(new Candidate(UUID.randomUUID(), NOW.minus(step.multipliedBy(i)), true));
        }
        return all;
    }

    private static RetentionRules rules(
            Integer last,
            Integer hourly,
            Integer daily,
            Integer weekly,
            Integer monthly,
            Integer yearly,
            Duration max) {
        return new RetentionRules(last, hourly, daily, weekly, monthly, yearly, max);
    }

    private static List<UUID> kept(List<Verdict> verdicts) {
        return verdicts.stream().filter(Verdict::keep).map(Verdict::id).toList();
    }

    @Test
    void keepLastKeepsTheNewestAndSaysWhy() {
        List<Candidate> backups = every(Duration.ofHours(1), 5);
        List<Verdict> verdicts = Retention.decide(rules(2, null, null, null, null, null, null), backups, UTC, NOW);
        assertThat(kept(verdicts))
                .containsExactly(backups.get(0).id(), backups.get(1).id());
        assertThat(verdicts.get(0).reasons()).containsExactly("last 2");
        assertThat(verdicts.get(4).reasons()).containsExactly("no rule keeps it");
    }

    @Test
    void dailyKeepsTheNewestOfEachOfTheLastDaysThatHaveABackup() {
        // four backups a day for ten days
        List<Candidate> backups = every(Duration.ofHours(6), 40);
        List<Verdict> verdicts = Retention.decide(rules(null, null, 7, null, null, null, null), backups, UTC, NOW);
        assertThat(kept(verdicts)).hasSize(7);
        assertThat(verdicts.stream().filter(Verdict::keep).flatMap(v -> v.reasons().stream()))
                .containsExactly(
                        "daily 2026-12-02",
                        "daily 2026-12-01",
                        "daily 2026-11-30",
                        "daily 2026-11-29",
                        "daily 2026-11-28",
                        "daily 2026-11-27",
                        "daily 2026-11-26");
        // the one kept of each day is its newest
        assertThat(verdicts.get(0).keep()).isTrue();
        assertThat(verdicts.get(1).keep()).as("12:00 minus 6 h is the same day").isFalse();
    }

    @Test
    void periodsAreCountedInThePolicysTimeZone() {
        // 23:30 UTC on 1 December is 00:30 on 2 December in Paris
        List<Candidate> backups = List.of(at("2026-12-01T23:30:00Z"), at("2026-12-01T20:00:00Z"));
        assertThat(kept(Retention.decide(rules(null, null, 2, null, null, null, null), backups, UTC, NOW)))
                .containsExactly(backups.get(0).id());
        assertThat(kept(Retention.decide(
                        rules(null, null, 2, null, null, null, null), backups, ZoneId.of("Europe/Paris"), NOW)))
                .containsExactly(backups.get(0).id(), backups.get(1).id());
    }

    @Test
    void grandfatherFatherSonKeepsTheUnionOfItsRulesWithEveryReason() {
        // daily backups for two years
        List<Candidate> backups = every(Duration.ofDays(1), 730);
        List<Verdict> verdicts = Retention.decide(rules(null, null, 7, 4, 12, 2, null), backups, UTC, NOW);
        // the newest is kept by every rule
        assertThat(verdicts.get(0).reasons())
                .containsExactly("daily 2026-12-02", "weekly 2026-W49", "monthly 2026-12", "yearly 2026");
        // 7 days + up to 4 weeks + 12 months + 2 years, overlapping
        assertThat(kept(verdicts)).hasSizeBetween(12, 7 + 4 + 12 + 2);
        assertThat(verdicts.stream().filter(v -> v.reasons().contains("yearly 2025")))
                .singleElement()
                .satisfies(v -> assertThat(v.at()).isEqualTo(Instant.parse("2025-12-31T12:00:00Z")));
    }

    @Test
    void isoWeeksCrossTheYearBoundary() {
        // Monday 28 December 2026 is in ISO week 2026-W53; Sunday 3 January 2027 too
        List<Candidate> backups = List.of(at("2027-01-03T10:00:00Z"), at("2026-12-28T10:00:00Z"));
        List<Verdict> verdicts = Retention.decide(
                rules(null, null, null, 2, null, null, null), backups, UTC, Instant.parse("2027-01-04T00:00:00Z"));
        assertThat(verdicts.get(0).reasons()).containsExactly("weekly 2026-W53");
        assertThat(verdicts.get(1).keep()).isFalse();
    }

    @Test
    void theCountRulesNeverExpireTheOnlyRestorableBackupButTheMaximumAgeDoes() {
        Candidate old = at("2020-01-01T00:00:00Z");
        Candidate failed = new Candidate(UUID.randomUUID(), NOW, false);
        List<Verdict> byCount =
                Retention.decide(rules(null, 1, null, null, null, null, null), List.of(old, failed), UTC, NOW);
        assertThat(kept(byCount)).containsExactly(old.id());
        assertThat(byCount.get(0).reasons()).containsExactly("failed: nothing of it can be restored");

        List<Verdict> byAge =
                Retention.decide(rules(5, null, null, null, null, null, Duration.ofDays(30)), List.of(old), UTC, NOW);
        assertThat(byAge.get(0).keep()).isFalse();
        assertThat(byAge.get(0).reasons().get(0)).startsWith("older than the maximum age");
    }

    @Test
    void withoutCountRulesEverythingIsKeptUpToTheMaximumAge() {
        List<Candidate> backups = every(Duration.ofDays(10), 5);
        assertThat(kept(Retention.decide(RetentionRules.KEEP_ALL, backups, UTC, NOW)))
                .hasSize(5);
        assertThat(kept(Retention.decide(
                        rules(null, null, null, null, null, null, Duration.ofDays(25)), backups, UTC, NOW)))
                .containsExactly(
                        backups.get(0).id(), backups.get(1).id(), backups.get(2).id());
    }

    @Test
    void theDecisionDoesNotDependOnTheOrderTheBackupsComeIn() {
        List<Candidate> backups = new ArrayList<>(every(Duration.ofHours(5), 60));
        RetentionRules gfs = rules(3, 6, 5, 3, 2, 1, null);
        List<Verdict> sorted = Retention.decide(gfs, backups, UTC, NOW);
        java.util.Collections.shuffle(backups, new java.util.Random(3));
        assertThat(Retention.decide(gfs, backups, UTC, NOW)).isEqualTo(sorted);
    }
}
