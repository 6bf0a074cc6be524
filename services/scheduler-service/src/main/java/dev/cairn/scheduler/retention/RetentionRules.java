package dev.cairn.scheduler.retention;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;

/**
 * What a policy keeps of its backups, in restic's and borg's words: the newest {@code keepLast}, and for each of the
 * last N hours, days, ISO weeks, months and years that have a backup, the newest one of that period
 * (grandfather-father-son, periods in the policy's time zone). A backup kept by any rule stays, unless it is older
 * than {@code maxAge}, a hard limit (for data that must not be kept longer). An absent rule keeps nothing; no rule at
 * all keeps everything. The count rules never expire a policy's only restorable backup.
 *
 * @param keepLast the newest N
 * @param keepHourly the newest of each of the last N hours with a backup
 * @param keepDaily the newest of each of the last N days with a backup
 * @param keepWeekly the newest of each of the last N ISO weeks with a backup
 * @param keepMonthly the newest of each of the last N months with a backup
 * @param keepYearly the newest of each of the last N years with a backup
 * @param maxAge nothing older is kept, whatever the count rules say
 */
public record RetentionRules(
        @Min(1) @Max(100_000) Integer keepLast,
        @Min(1) @Max(100_000) Integer keepHourly,
        @Min(1) @Max(100_000) Integer keepDaily,
        @Min(1) @Max(100_000) Integer keepWeekly,
        @Min(1) @Max(100_000) Integer keepMonthly,
        @Min(1) @Max(1_000) Integer keepYearly,
        Duration maxAge) {

    /** Keeps everything. */
    public static final RetentionRules KEEP_ALL = new RetentionRules(null, null, null, null, null, null, null);

    /** True when no count rule is given (every backup is kept, up to {@code maxAge}). */
    public boolean keepsAllCounts() {
        return keepLast == null
                && keepHourly == null
                && keepDaily == null
                && keepWeekly == null
                && keepMonthly == null
                && keepYearly == null;
    }
}
