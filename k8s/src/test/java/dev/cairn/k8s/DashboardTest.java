package dev.cairn.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The Grafana dashboard: every panel says what it shows and queries metrics the services export. */
class DashboardTest {
    static final Path DASHBOARD = Path.of("dashboards/cairn-platform.json");

    /** Every PromQL expression of the dashboard. */
    static List<String> queries() throws IOException {
        List<String> queries = new ArrayList<>();
        for (JsonNode panel : new ObjectMapper().readTree(DASHBOARD.toFile()).path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                queries.add(target.path("expr").asText());
            }
        }
        return queries;
    }

    @Test
    void everyPanelQueriesAMetricTheServicesExport() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        assertThat(dashboard.path("uid").asText()).isEqualTo("cairn-platform");
        Set<String> exported = ExportedMetrics.inSources();
        Set<String> titles = new TreeSet<>();
        Set<String> used = new TreeSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            String title = panel.path("title").asText();
            assertThat(titles.add(title)).as("a second panel titled " + title).isTrue();
            assertThat(panel.path("targets")).as(title).isNotEmpty();
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asText();
                assertThat(expr).as(title).isNotBlank();
                used.addAll(ExportedMetrics.usedBy(expr, exported));
            }
        }
        assertThat(exported).containsAll(used);
        // what the issue asks to see: ingest, consumer lag, backups, the command queue, replication, drift
        assertThat(used)
                .contains(
                        "cairn_ingest_records",
                        "cairn_ingest_bytes",
                        "cairn_backups",
                        "cairn_commands",
                        "cairn_replication_lag_seconds",
                        "cairn_metering_drift_bytes");
        assertThat(String.join("\n", queries())).contains("kafka_consumer_fetch_manager_records_lag_max");
    }
}
