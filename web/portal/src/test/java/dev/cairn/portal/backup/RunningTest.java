package dev.cairn.portal.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunningTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void onlyCommandsThatHaveNotEndedAreRunningSoonestQueuedFirst() throws Exception {
        Map<String, JsonNode> byCluster = new LinkedHashMap<>();
        byCluster.put(
                "prod",
                JSON.readTree("[{\"id\":\"a\",\"phase\":\"Completed\",\"createdAt\":\"2026-12-02T10:00:00Z\"},"
                        + "{\"id\":\"b\",\"phase\":\"Running\",\"createdAt\":\"2026-12-02T10:05:00Z\","
                        + "\"progress\":{\"bytes\":250,\"totalBytes\":1000}}]"));
        byCluster.put(
                "edge",
                JSON.readTree("[{\"id\":\"c\",\"phase\":\"Queued\",\"createdAt\":\"2026-12-02T10:01:00Z\"},"
                        + "{\"id\":\"d\",\"phase\":\"Cancelled\",\"createdAt\":\"2026-12-02T09:00:00Z\"}]"));
        var running = Running.of(byCluster);
        assertThat(running).extracting(i -> i.command().path("id").asText()).containsExactly("c", "b");
        assertThat(running).extracting(Running.Item::cluster).containsExactly("edge", "prod");
        assertThat(running.get(1).percent()).isEqualTo(25);
        assertThat(running.get(0).percent()).as("no total yet").isEqualTo(-1);
    }
}
