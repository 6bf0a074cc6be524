package dev.cairn.it.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.cairn.it.support.Api;
import dev.cairn.it.support.TestPlatform;
import dev.cairn.testing.platform.Platform;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What the Grafana dashboard and the alerting rules query, the running platform exports (issue 18, item 5): every
 * metric either names is a sample of some service's {@code /q/metrics}, or the gateway's.
 */
class MetricsIT {
    private static final Path REPOSITORY = Path.of("../..");
    /** The metrics a PromQL text names: the platform's own, the Kafka clients', the HTTP servers'. */
    private static final Pattern METRIC = Pattern.compile("\\b(?:cairn|kafka_consumer|http_server)_[a-z_]+\\b");
    /** A sample line's metric name. */
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]", Pattern.MULTILINE);

    @Test
    void everyMetricTheDashboardAndTheAlertsQueryIsExported() throws IOException {
        Set<String> queried = new TreeSet<>();
        for (JsonNode panel : new ObjectMapper()
                .readTree(
                        REPOSITORY.resolve("k8s/dashboards/cairn-platform.json").toFile())
                .path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                queried.addAll(metrics(target.path("expr").asText()));
            }
        }
        for (JsonNode group : new ObjectMapper(new YAMLFactory())
                .readTree(REPOSITORY
                        .resolve("k8s/alerts/cairn-platform.rules.yaml")
                        .toFile())
                .path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                queried.addAll(metrics(rule.path("expr").asText()));
            }
        }
        assertThat(queried).contains("cairn_ingest_records_total", "kafka_consumer_fetch_manager_records_lag_max");

        // the consumers' lag appears once they have their partitions: waited for, not slept
        await().alias("every queried metric is a sample of some service")
                .atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(exported()).containsAll(queried));
    }

    @Test
    void theIngestConsumersLagSaysItIsIngests() {
        // CairnIngestLagging selects ingest's consumer by its client id: the group's name and the instance
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(Api.management("ingest")
                                .when()
                                .get("/q/metrics")
                                .asString())
                        .containsPattern(
                                "kafka_consumer_fetch_manager_records_lag_max\\{[^}]*client_id=\"cairn-ingest-"));
    }

    private static Set<String> metrics(String promql) {
        Set<String> names = new TreeSet<>();
        Matcher m = METRIC.matcher(promql);
        while (m.find()) {
            names.add(m.group());
        }
        return names;
    }

    /** The sample names of every service's metrics and the gateway's. */
    private static Set<String> exported() {
        Set<String> names = new TreeSet<>();
        for (String service : Platform.SERVICES) {
            samples(Api.management(service), names);
        }
        samples(given().baseUri(TestPlatform.get().entryPoint()), names);
        return names;
    }

    private static void samples(RequestSpecification from, Set<String> names) {
        String text =
                from.when().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = SAMPLE.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
    }
}
