package dev.cairn.cli.schedule;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** When a policy runs: a cron expression in a time zone, or an interval; and its jitter window. */
final class When {
    @ArgGroup(multiplicity = "1")
    Kind kind;

    static final class Kind {
        @Option(
                names = "--cron",
                paramLabel = "EXPR",
                description = "Five fields (minute hour day-of-month month day-of-week), or @hourly, @daily, @weekly,"
                        + " @monthly, @yearly.")
        String cron;

        @Option(names = "--every", paramLabel = "DURATION", description = "An interval, e.g. PT6H (at least PT1M).")
        Duration interval;
    }

    @Option(names = "--time-zone", paramLabel = "ZONE", description = "The cron's IANA time zone (default UTC).")
    String timeZone;

    @Option(
            names = "--jitter",
            paramLabel = "DURATION",
            description = "The window of the policy's stable jitter, PT0S to PT1H (default: a tenth of the period,"
                    + " at most PT5M).")
    Duration jitter;

    Map<String, Object> schedule() {
        Map<String, Object> schedule = new LinkedHashMap<>();
        schedule.put("cron", kind.cron);
        schedule.put("timeZone", timeZone);
        schedule.put("interval", kind.interval == null ? null : kind.interval.toString());
        schedule.put("jitter", jitter == null ? null : jitter.toString());
        return schedule;
    }
}
