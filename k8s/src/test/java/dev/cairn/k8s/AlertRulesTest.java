package dev.cairn.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The platform's alerting rules are well formed and watch metrics the services really export. */
class AlertRulesTest {
    private static final Path RULES = Path.of("alerts/cairn-platform.rules.yaml");

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
                Set<String> metrics = ExportedMetrics.usedBy(rule.path("expr").asText(), exported);
                assertThat(exported).as(alert + " watches " + metrics).containsAll(metrics);
                // or a Kafka consumer's own metric (the services bind them; MetricsIT checks the running platform's)
                assertThat(!metrics.isEmpty() || rule.path("expr").asText().contains("kafka_consumer_"))
                        .as(alert + " watches no cairn metric")
                        .isTrue();
            }
        }
        assertThat(alerts)
                .doesNotHaveDuplicates()
                .contains(
                        "CairnMeteringDrift",
                        "CairnReplicationLagging",
                        "CairnRegionDown",
                        "CairnIngestLagging",
                        "CairnDeadLettersRising",
                        "CairnSchedulesMissed");
    }

    private static Set<String> exportedMetrics() throws IOException {
        Set<String> names = ExportedMetrics.inSources();
        assertThat(names).contains("cairn_metering_drift_bytes");
        return names;
    }
}
