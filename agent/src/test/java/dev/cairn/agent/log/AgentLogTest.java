package dev.cairn.agent.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class AgentLogTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-05T01:02:03Z"), ZoneOffset.UTC);

    @Test
    void inAClusterEachLineIsOneJsonObjectWithItsLevel() throws Exception {
        AgentLog log = new AgentLog(out, "daemon", true, clock);
        log.info("command 42: BACKUP");
        log.warn("heartbeat failed: \"timeout\"\nwhile connecting \\ \u0001");

        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(2);
        JsonNode first = new ObjectMapper().readTree(lines[0]);
        assertThat(first.path("timestamp").asText()).isEqualTo("2026-12-05T01:02:03Z");
        assertThat(first.path("level").asText()).isEqualTo("INFO");
        assertThat(first.path("logger").asText()).isEqualTo("daemon");
        assertThat(first.path("message").asText()).isEqualTo("command 42: BACKUP");
        JsonNode second = new ObjectMapper().readTree(lines[1]);
        assertThat(second.path("level").asText()).isEqualTo("WARN");
        assertThat(second.path("message").asText())
                .isEqualTo("heartbeat failed: \"timeout\"\nwhile connecting \\ \u0001");
    }

    @Test
    void atATerminalLinesAreTextWithTheLevelOnlyWhenItIsNotInfo() {
        AgentLog log = new AgentLog(out, "daemon", false, clock);
        log.info("registered");
        log.error("refused by the platform");
        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .isEqualTo("registered" + System.lineSeparator() + "error: refused by the platform"
                        + System.lineSeparator());
    }
}
