package dev.cairn.cli.schedule;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** What a policy keeps (restic's and borg's words); nothing given keeps everything. */
final class Keep {
    @Option(names = "--keep-last", paramLabel = "N", description = "The newest N backups.")
    Integer last;

    @Option(names = "--keep-hourly", paramLabel = "N", description = "The newest of each of the last N hours.")
    Integer hourly;

    @Option(names = "--keep-daily", paramLabel = "N", description = "The newest of each of the last N days.")
    Integer daily;

    @Option(names = "--keep-weekly", paramLabel = "N", description = "The newest of each of the last N ISO weeks.")
    Integer weekly;

    @Option(names = "--keep-monthly", paramLabel = "N", description = "The newest of each of the last N months.")
    Integer monthly;

    @Option(names = "--keep-yearly", paramLabel = "N", description = "The newest of each of the last N years.")
    Integer yearly;

    @Option(
            names = "--max-age",
            paramLabel = "DURATION",
            description = "Nothing older is kept, whatever the other rules say (e.g. P90D).")
    Duration maxAge;

    Map<String, Object> rules() {
        Map<String, Object> rules = new LinkedHashMap<>();
        rules.put("keepLast", last);
        rules.put("keepHourly", hourly);
        rules.put("keepDaily", daily);
        rules.put("keepWeekly", weekly);
        rules.put("keepMonthly", monthly);
        rules.put("keepYearly", yearly);
        rules.put("maxAge", maxAge == null ? null : maxAge.toString());
        return rules;
    }
}
