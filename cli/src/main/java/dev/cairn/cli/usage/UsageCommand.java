package dev.cairn.cli.usage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.cairn.cli.ExitStatus;
import dev.cairn.cli.Io;
import dev.cairn.cli.output.Output;
import dev.cairn.cli.output.Table;
import dev.cairn.cli.platform.Platform;
import dev.cairn.cli.platform.PlatformOption;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "usage",
        description = {
            "Your usage: stored bytes against your plan's quota (a bar), and usage over time by hour, day or month",
            "(UTC): stored byte-hours, peak and end-of-period stored bytes, ingested and restored bytes, backups and",
            "protected clusters. Sizes are decimal (1 TB = 10^12 bytes), as quotas are."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  cairn usage                                   # now, and the last 14 days",
            "  cairn usage --by hour                         # the last 24 hours",
            "  cairn usage --by month --from 2026-01-01T00:00:00Z -o json"
        })
public final class UsageCommand implements Callable<Integer> {
    /** The width of the bars, in characters. */
    static final int BAR = 30;

    private final Io io;

    @Option(
            names = "--by",
            defaultValue = "day",
            paramLabel = "hour|day|month",
            description = "Period of the history (default: ${DEFAULT-VALUE}).")
    String by;

    @Option(names = "--from", paramLabel = "INSTANT", description = "First period (default: 24 h, 14 days, a year).")
    String from;

    @Option(names = "--to", paramLabel = "INSTANT", description = "End of the history, excluded (default: now).")
    String to;

    @Mixin
    PlatformOption platform;

    @Mixin
    Output output;

    UsageCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        Platform api = platform.signedIn();
        JsonNode now = api.get("usage");
        String since = from != null ? from : defaultFrom();
        ArrayNode periods = JsonNodeFactory.instance.arrayNode();
        api.every("usage/history?granularity=" + by + "&limit=744" + param("from", since) + param("to", to))
                .forEach(periods::add);

        if (!output.isTable()) {
            com.fasterxml.jackson.databind.node.ObjectNode all = JsonNodeFactory.instance.objectNode();
            all.set("now", now);
            all.set("history", periods);
            output.print(all, io.out());
            return ExitStatus.OK;
        }
        long stored = now.path("storedBytes").asLong();
        if (now.path("limitBytes").isNumber()) {
            long limit = now.path("limitBytes").asLong();
            io.out()
                    .printf(
                            "Plan %s: %s of %s stored  %s %s%%  %s%n",
                            now.path("plan").asText(),
                            decimal(stored),
                            decimal(limit),
                            bar(stored, limit),
                            now.path("usedPercent").asText(),
                            levelNote(now.path("level").asText()));
        } else {
            io.out().printf("%s stored (the plan's quota cannot be read now)%n", decimal(stored));
        }
        io.out()
                .printf(
                        "Connected clusters: %d%n",
                        now.path("connectedClusters").asLong());
        long peak = 1;
        for (JsonNode p : periods) {
            peak = Math.max(peak, p.path("peakStoredBytes").asLong());
        }
        Table table = new Table(
                "PERIOD",
                "STORED (END)",
                "",
                "PEAK",
                "GB-HOURS",
                "INGESTED",
                "RESTORED",
                "BACKUPS",
                "PROTECTED CL.",
                "CONNECTED CL.");
        for (JsonNode p : periods) {
            table.row(
                    p.path("start").asText(),
                    decimal(p.path("endStoredBytes").asLong()),
                    bar(p.path("endStoredBytes").asLong(), peak),
                    decimal(p.path("peakStoredBytes").asLong()),
                    new BigDecimal(p.path("storedByteHours").asText("0"))
                            .divide(BigDecimal.valueOf(1_000_000_000L), 3, RoundingMode.HALF_UP)
                            .toPlainString(),
                    decimal(p.path("ingestedBytes").asLong()),
                    decimal(p.path("restoredBytes").asLong()),
                    p.path("backups").asLong(),
                    p.path("protectedClusters").asLong(),
                    p.path("connectedClusters").asLong());
        }
        table.print(io.out());
        return ExitStatus.OK;
    }

    private String defaultFrom() {
        java.time.Instant end = to == null ? java.time.Instant.now() : java.time.Instant.parse(to);
        java.time.Instant start = switch (by) {
            case "hour" -> end.minus(java.time.Duration.ofHours(23));
            case "month" ->
                end.atOffset(java.time.ZoneOffset.UTC).minusMonths(11).toInstant();
            default -> end.minus(java.time.Duration.ofDays(13));
        };
        return start.toString();
    }

    private static String param(String name, String value) {
        return value == null ? "" : "&" + name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String levelNote(String level) {
        return switch (level) {
            case "Warning" -> "(warning: 80 % or more of the quota)";
            case "Exceeded" -> "(quota reached: new backups are refused; delete backups to make room)";
            default -> "";
        };
    }

    /** A bar of {@link #BAR} characters, filled in proportion of {@code value} to {@code whole} (full when over). */
    static String bar(long value, long whole) {
        int filled = whole <= 0
                ? BAR
                : (int) Math.min(
                        BAR,
                        BigDecimal.valueOf(value)
                                .multiply(BigDecimal.valueOf(BAR))
                                .divide(BigDecimal.valueOf(whole), 0, RoundingMode.CEILING)
                                .longValue());
        return "[" + "#".repeat(filled) + ".".repeat(BAR - filled) + "]";
    }

    /** Bytes in decimal units (kB, MB, GB, TB), as quotas are sold: 10^12 bytes is "1.00 TB". */
    public static String decimal(long n) {
        if (n < 1000) {
            return n + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB", "PB", "EB"};
        double v = n;
        int u = -1;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return String.format(Locale.ROOT, "%.2f %s", v, units[u]);
    }
}
