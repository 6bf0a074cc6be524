package dev.cairn.scheduler.retention;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/**
 * Decides which of a policy's backups its retention rules keep, and why: a pure function of the rules, the backups,
 * the policy's time zone and the time now, so that the preview and the expiry are the same decision.
 */
public final class Retention {
    private Retention() {}

    /**
     * A backup as retention sees it.
     *
     * @param id the backup
     * @param at when it was taken (its start)
     * @param restorable true for Completed and PartiallyFailed; a failed backup is never kept by a rule
     */
    public record Candidate(UUID id, Instant at, boolean restorable) {}

    /**
     * What becomes of one backup.
     *
     * @param id the backup
     * @param at when it was taken
     * @param keep true when it stays
     * @param reasons why it stays (the rules that keep it, e.g. {@code "daily 2026-12-01"}), or why it goes
     */
    public record Verdict(UUID id, Instant at, boolean keep, List<String> reasons) {}

    /** One period rule: its name, how many periods, and the key of a time's period. */
    private record Rule(String name, int count, Function<ZonedDateTime, String> period) {}

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH", Locale.ROOT);

    /**
     * The verdict on each backup, newest first. Backups still in progress must not be passed: they are neither kept
     * nor expired. Every count rule (N is at least 1) keeps the newest restorable backup, so the count rules never
     * expire a policy's only one; the maximum age may.
     */
    public static List<Verdict> decide(RetentionRules rules, List<Candidate> backups, ZoneId zone, Instant now) {
        Objects.requireNonNull(rules, "rules");
        List<Candidate> newestFirst = backups.stream()
                .sorted(Comparator.comparing(Candidate::at).reversed().thenComparing(Candidate::id))
                .toList();
        List<Candidate> restorable =
                newestFirst.stream().filter(Candidate::restorable).toList();
        Map<UUID, List<String>> kept = new LinkedHashMap<>();
        if (rules.keepsAllCounts()) {
            restorable.forEach(b -> keep(kept, b, "no count rule: every backup is kept"));
        } else {
            if (rules.keepLast() != null) {
                for (int i = 0; i < Math.min(rules.keepLast(), restorable.size()); i++) {
                    keep(kept, restorable.get(i), "last " + rules.keepLast());
                }
            }
            for (Rule rule : periodRules(rules)) {
                String previous = null;
                int periods = 0;
                for (Candidate b : restorable) {
                    if (periods == rule.count()) {
                        break;
                    }
                    String period = rule.period().apply(b.at().atZone(zone));
                    if (!period.equals(previous)) {
                        keep(kept, b, rule.name() + " " + period);
                        previous = period;
                        periods++;
                    }
                }
            }
        }
        List<Verdict> verdicts = new ArrayList<>();
        for (Candidate b : newestFirst) {
            List<String> reasons = kept.get(b.id());
            if (reasons != null && rules.maxAge() != null && b.at().isBefore(now.minus(rules.maxAge()))) {
                verdicts.add(
                        new Verdict(b.id(), b.at(), false, List.of("older than the maximum age " + rules.maxAge())));
            } else if (reasons != null) {
                verdicts.add(new Verdict(b.id(), b.at(), true, List.copyOf(reasons)));
            } else {
                verdicts.add(new Verdict(
                        b.id(),
                        b.at(),
                        false,
                        List.of(b.restorable() ? "no rule keeps it" : "failed: nothing of it can be restored")));
            }
        }
        return verdicts;
    }

    private static void keep(Map<UUID, List<String>> kept, Candidate b, String reason) {
        kept.computeIfAbsent(b.id(), id -> new ArrayList<>()).add(reason);
    }

    private static List<Rule> periodRules(RetentionRules rules) {
        List<Rule> all = new ArrayList<>();
        if (rules.keepHourly() != null) {
            all.add(new Rule("hourly", rules.keepHourly(), t -> HOUR.format(t)));
        }
        if (rules.keepDaily() != null) {
            all.add(new Rule("daily", rules.keepDaily(), t -> t.toLocalDate().toString()));
        }
        if (rules.keepWeekly() != null) {
            all.add(new Rule(
                    "weekly",
                    rules.keepWeekly(),
                    t -> String.format(
                            Locale.ROOT,
                            "%d-W%02d",
                            t.get(IsoFields.WEEK_BASED_YEAR),
                            t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR))));
        }
        if (rules.keepMonthly() != null) {
            all.add(new Rule(
                    "monthly",
                    rules.keepMonthly(),
                    t -> String.format(Locale.ROOT, "%d-%02d", t.getYear(), t.getMonthValue())));
        }
        if (rules.keepYearly() != null) {
            all.add(new Rule("yearly", rules.keepYearly(), t -> Integer.toString(t.getYear())));
        }
        return all;
    }
}
