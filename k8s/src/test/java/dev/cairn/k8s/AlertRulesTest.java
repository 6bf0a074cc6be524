package dev.cairn.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The platform's alerting rules are well formed and watch metrics the services really export. */
class AlertRulesTest {
    private static final Path RULES = Path.of("alerts/cairn-platform.rules.yaml");
    private static final Pattern METRIC = Pattern.compile("\\bcairn_[a-z_]+");
    /** Meter names as the services register them ({@code "cairn.replication.lag.seconds"}). */
    private static final Pattern METER = Pattern.compile("\"(cairn(?:\\.[a-z]+)+)\"");

    @Test
    void everyRuleIsCompleteAndWatchesAnExportedMetric() throws IOException {
        JsonNode rules = new ObjectMapper(new YAMLFactory()).readTree(RULES.toFile());
        Set<String> exported = exportedMetrics();
        List<String> alerts = new ArrayList<>();
        for (JsonNode group : rules.path("groups")) {
            assertThat(group.path("name").asText()).startsWith("cairn-");
            for (JsonNode rule : group.path("rules")) {
                String alert = rule.path("alert").asText();
                alerts.add(alert);
                assertThat(alert).matches("Cairn[A-Za-z]+");
                assertThat(rule.path("for").asText()).as(alert).matches("[0-9]+[smh]");
                assertThat(rule.path("labels").path("severity").asText())
                        .as(alert)
                        .isIn("warning", "critical");
                assertThat(rule.path("annotations").path("summary").asText())
                        .as(alert)
                        .isNotBlank();
                Matcher m = METRIC.matcher(rule.path("expr").asText());
                int metrics = 0;
                while (m.find()) {
                    // a counter is exported with the suffix _total
                    String metric = m.group().endsWith("_total") && !exported.contains(m.group())
                            ? m.group().substring(0, m.group().length() - "_total".length())
                            : m.group();
                    assertThat(exported).as(alert + " watches " + m.group()).contains(metric);
                    metrics++;
                }
                assertThat(metrics).as(alert + " watches no cairn metric").isPositive();
            }
        }
        assertThat(alerts)
                .doesNotHaveDuplicates()
                .contains("CairnMeteringDrift", "CairnReplicationLagging", "CairnRegionDown");
    }

    /** Every meter name in the services' sources, as Prometheus exports it (dots to underscores). */
    private static Set<String> exportedMetrics() throws IOException {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> sources = Files.walk(Path.of("../services"))) {
            for (Path source : sources.filter(
                            p -> p.toString().endsWith(".java") && p.toString().contains("/src/main/"))
                    .toList()) {
                Matcher m = METER.matcher(Files.readString(source));
                while (m.find()) {
                    names.add(m.group(1).replace('.', '_'));
                }
            }
        }
        assertThat(names).contains("cairn_metering_drift_bytes");
        return names;
    }
}
