package dev.cairn.scheduler.schedule;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A cron expression as people write it (five fields: minute, hour, day of month, month, day of week, as in Velero,
 * Kubernetes CronJobs and crontab, or {@code @daily} and friends) turned into Quartz's six fields. Quartz counts the
 * days of the week from 1 (Sunday), crontab from 0 (Sunday, also 7); and Quartz wants {@code ?} in one of the two day
 * fields, so an expression that restricts both (crontab's "either" rule) is refused rather than read differently.
 */
public final class UnixCron {
    private static final Map<String, String> MACROS = Map.of(
            "@hourly", "0 * * * *",
            "@daily", "0 0 * * *",
            "@midnight", "0 0 * * *",
            "@weekly", "0 0 * * 0",
            "@monthly", "0 0 1 * *",
            "@yearly", "0 0 1 1 *",
            "@annually", "0 0 1 1 *");
    private static final Pattern DAY_NAME = Pattern.compile("(?i)SUN|MON|TUE|WED|THU|FRI|SAT");
    private static final Pattern DAY_NUMBER = Pattern.compile("[0-7]");

    private UnixCron() {}

    /** The Quartz expression of {@code cron}; {@link InvalidScheduleException} says what is wrong with it. */
    public static String toQuartz(String cron) {
        if (cron == null || cron.isBlank()) {
            throw new InvalidScheduleException("cron", "a cron expression is required, e.g. \"0 2 * * *\"");
        }
        String expression = MACROS.getOrDefault(cron.strip().toLowerCase(Locale.ROOT), cron.strip());
        String[] f = expression.split("\\s+");
        if (f.length != 5) {
            throw new InvalidScheduleException(
                    "cron",
                    "takes five fields (minute hour day-of-month month day-of-week) or @hourly, @daily, @weekly,"
                            + " @monthly, @yearly; \"" + cron + "\" has " + f.length);
        }
        String dom = f[2];
        String dow = f[4];
        boolean anyDom = dom.equals("*") || dom.equals("?");
        boolean anyDow = dow.equals("*") || dow.equals("?");
        if (!anyDom && !anyDow) {
            throw new InvalidScheduleException(
                    "cron",
                    "restricts both the day of month and the day of week: give one of them and * for the other");
        }
        String quartzDom = anyDom && !anyDow ? "?" : dom.equals("?") ? "*" : dom;
        String quartzDow = anyDow ? "?" : dayOfWeek(dow);
        return String.join(" ", "0", f[0], f[1], quartzDom, f[3], quartzDow);
    }

    /** crontab's days of the week (0-7, names, ranges, lists) in Quartz's numbering (1-7 from Sunday). */
    private static String dayOfWeek(String field) {
        List<String> items = new ArrayList<>();
        for (String item : field.split(",", -1)) {
            if (item.contains("/")) {
                throw new InvalidScheduleException(
                        "cron", "steps in the day of week (\"" + item + "\") are not supported: list the days");
            }
            String[] range = item.split("-", -1);
            if (range.length > 2) {
                throw new InvalidScheduleException("cron", "\"" + item + "\" is not a day of the week or a range");
            }
            List<String> days = new ArrayList<>();
            for (String day : range) {
                days.add(day(day));
            }
            items.add(String.join("-", days));
        }
        return String.join(",", items);
    }

    private static String day(String day) {
        if (DAY_NAME.matcher(day).matches()) {
            return day.toUpperCase(Locale.ROOT);
        }
        if (DAY_NUMBER.matcher(day).matches()) {
            return Integer.toString(Integer.parseInt(day) % 7 + 1);
        }
        throw new InvalidScheduleException(
                "cron", "\"" + day + "\" is not a day of the week (0-7 with 0 and 7 Sunday, or SUN-SAT)");
    }
}
