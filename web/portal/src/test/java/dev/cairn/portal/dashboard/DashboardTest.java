package dev.cairn.portal.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class DashboardTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void theChartHasADayPerPeriodWithStoredAndProtectedBytesAndThePlansLimit() throws Exception {
        JsonNode history = json("[{\"start\":\"2026-12-01T00:00:00Z\",\"endStoredBytes\":10,\"protectedBytes\":30},"
                + "{\"start\":\"2026-12-02T00:00:00Z\",\"endStoredBytes\":12,\"protectedBytes\":40}]");
        JsonNode chart = json(Dashboard.chart(history, json("{\"limitBytes\":1000000000000}")));
        assertThat(chart.path("labels").toString()).isEqualTo("[\"2026-12-01\",\"2026-12-02\"]");
        assertThat(chart.path("stored").toString()).isEqualTo("[10,12]");
        assertThat(chart.path("protected").toString()).isEqualTo("[30,40]");
        assertThat(chart.path("limit").asLong()).isEqualTo(1_000_000_000_000L);
        assertThat(json(Dashboard.chart(JSON.createArrayNode(), JSON.missingNode()))
                        .has("limit"))
                .isFalse();
    }

    @Test
    void offlineAgentsFailedBackupsQuotaLevelsAndReplicationErrorsStandOut() throws Exception {
        var failing = Dashboard.failing(
                json("[{\"name\":\"prod\",\"phase\":\"Connected\",\"online\":false,\"lastHeartbeatAt\":\"x\"},"
                        + "{\"name\":\"edge\",\"phase\":\"Connected\",\"online\":true},"
                        + "{\"name\":\"new\",\"phase\":\"PendingRegistration\",\"online\":false}]"),
                json("[{\"id\":\"b1\",\"phase\":\"Failed\",\"failure\":\"lease lapsed\"},"
                        + "{\"id\":\"b2\",\"phase\":\"Completed\"}]"),
                json("{\"level\":\"Warning\",\"usedPercent\":85}"),
                json("{\"drRegion\":\"us-east-1\",\"lastError\":\"HTTP 503\"}"));
        assertThat(failing)
                .hasSize(4)
                .anySatisfy(f -> assertThat(f).contains("prod").contains("offline"))
                .anySatisfy(f -> assertThat(f).contains("b1").contains("lease lapsed"))
                .anySatisfy(f -> assertThat(f).contains("85 %").contains("Warning"))
                .anySatisfy(f -> assertThat(f).contains("us-east-1").contains("HTTP 503"));
        assertThat(Dashboard.failing(
                        json("[]"), json("[]"), json("{\"level\":\"Ok\"}"), json("{\"drRegion\":\"us-east-1\"}")))
                .isEmpty();
    }
}
