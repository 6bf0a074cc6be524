package dev.cairn.k8s;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Cairn metrics the services' sources register, as Prometheus names them, and the ones a PromQL text uses: what
 * the alert rules and the dashboard are checked against ({@code MetricsIT} checks the running platform's too).
 */
final class ExportedMetrics {
    /** A Cairn metric in PromQL. */
    static final Pattern PROMQL_METRIC = Pattern.compile("\\bcairn_[a-z_]+");
    /** Meter names as the services register them ({@code "cairn.replication.lag.seconds"}). */
    private static final Pattern METER = Pattern.compile("\"(cairn(?:\\.[a-z]+)+)\"");

    private ExportedMetrics() {}

    /** Every meter name in the services' and the gateway's sources, as Prometheus exports it (dots to underscores). */
    static Set<String> inSources() throws IOException {
        Set<String> names = new TreeSet<>();
        for (String tree : new String[] {"../services", "../web"}) {
            try (Stream<Path> sources = Files.walk(Path.of(tree))) {
                for (Path source : sources.filter(p ->
                                p.toString().endsWith(".java") && p.toString().contains("/src/main/"))
                        .toList()) {
                    Matcher m = METER.matcher(Files.readString(source));
                    while (m.find()) {
                        names.add(m.group(1).replace('.', '_'));
                    }
                }
            }
        }
        return names;
    }

    /** What Prometheus adds to a registered name: a counter's total, a timer's unit and histogram series. */
    private static final java.util.List<String> SUFFIXES =
            java.util.List.of("_total", "_seconds_bucket", "_seconds_count", "_seconds_sum", "_seconds_max");

    /**
     * The Cairn metrics a PromQL expression uses, each as registered: a counter's {@code _total} suffix, or a timer's
     * {@code _seconds_bucket} (count, sum, max), removed when the registered name lacks it.
     */
    static Set<String> usedBy(String promql, Set<String> exported) {
        Set<String> used = new TreeSet<>();
        Matcher m = PROMQL_METRIC.matcher(promql);
        while (m.find()) {
            String metric = m.group();
            String registered = metric;
            for (String suffix : SUFFIXES) {
                if (metric.endsWith(suffix) && !exported.contains(metric)) {
                    registered = metric.substring(0, metric.length() - suffix.length());
                }
            }
            used.add(registered);
        }
        return used;
    }
}
