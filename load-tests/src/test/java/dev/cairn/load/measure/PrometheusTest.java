package dev.cairn.load.measure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrometheusTest {
    private static final String EXPOSITION = """
            # HELP cairn_ingest_records_total Records ingest read
            # TYPE cairn_ingest_records_total counter
            cairn_ingest_records_total{outcome="chunks"} 12.0
            cairn_ingest_records_total{outcome="pack"} 30.0
            cairn_ingest_records_total{outcome="dead_lettered"} 1.0
            cairn_ingest_records_total_created{outcome="pack"} 1.7e9
            cairn_ingest_bytes_total 1.5E9
            cairn_ingest_bytes_total_other 7.0
            """;

    @Test
    void sumsEverySampleOfAMetricAndNoOtherMetricWhoseNameStartsAlike() {
        assertThat(Prometheus.sum(EXPOSITION, "cairn_ingest_records_total")).isEqualTo(43.0);
        assertThat(Prometheus.sum(EXPOSITION, "cairn_ingest_bytes_total")).isEqualTo(1.5e9);
    }

    @Test
    void sumsOnlyTheSamplesWithTheGivenLabels() {
        assertThat(Prometheus.sum(EXPOSITION, "cairn_ingest_records_total", "outcome=\"pack\""))
                .isEqualTo(30.0);
        assertThat(Prometheus.sum(EXPOSITION, "cairn_ingest_records_total", "outcome=\"nothing\""))
                .isZero();
        assertThat(Prometheus.sum(EXPOSITION, "cairn_absent_total")).isZero();
    }
}
