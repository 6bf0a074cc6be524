package dev.cairn.it.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.data.record.ChunkRecordV1;
import dev.cairn.data.record.TraceParent;
import dev.cairn.it.support.AgentRecords;
import dev.cairn.it.support.Agents;
import dev.cairn.it.support.Api;
import dev.cairn.it.support.LocalAgent;
import dev.cairn.it.support.RunningAgent;
import dev.cairn.it.support.Tenants;
import dev.cairn.it.support.TestPlatform;
import dev.cairn.testing.kubernetes.MockCluster;
import dev.cairn.testing.platform.Platform;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trace context from the agent to the services (issue 18, item 5): a backup's trace id is its own id, carried in the
 * agent's requests and Kafka records ({@code traceparent}), and the ingest service's JSON log lines about it carry
 * that trace id ({@code mdc.traceId}): from its HTTP requests and from its records alike.
 */
class TracingIT {
    @TempDir
    Path tmp;

    @Test
    void theIngestServiceLogsABackupsCommitInTheBackupsOwnTrace() throws Exception {
        Tenants.SignedUp tenant = Tenants.free("Tracing Co");
        LocalAgent agent = new LocalAgent(Agents.registered(tenant, "traced"), tmp.resolve("agent"));
        Path src = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(src.resolve("a.txt"), "traced");
        UUID backup = UUID.fromString(agent.backup(src).json().path("id").asText());

        JsonNode line = awaitLine(
                "ingest-service",
                l -> l.path("message")
                        .asText()
                        .startsWith("backup " + backup + " of tenant " + tenant.id() + " committed"));

        assertThat(line.at("/mdc/traceId").asText()).isEqualTo(TraceParent.traceId(backup));
    }

    @Test
    void aRecordDeadLetteredIsLoggedInTheTraceItsAgentSentWithIt() throws Exception {
        Tenants.SignedUp tenant = Tenants.free("Tracing Records Co");
        Agents.Registered agent = Agents.registered(tenant, "traced-records");
        byte[] id = new byte[16];
        ThreadLocalRandom.current().nextBytes(id);
        String traceId = HexFormat.of().formatHex(id);

        try (var producer = AgentRecords.producer(agent.credentials().path("kafka"))) {
            ProducerRecord<byte[], byte[]> garbage =
                    new ProducerRecord<>(Platform.DATA_TOPIC, id, "not an envelope".getBytes(StandardCharsets.UTF_8));
            garbage.headers().add(ChunkRecordV1.H_VERSION, "1".getBytes(StandardCharsets.UTF_8));
            garbage.headers()
                    .add(
                            TraceParent.HEADER,
                            ("00-" + traceId + "-0123456789abcdef-00").getBytes(StandardCharsets.UTF_8));
            producer.send(garbage).get(30, TimeUnit.SECONDS);
        }

        JsonNode line = awaitLine(
                "ingest-service", l -> traceId.equals(l.at("/mdc/traceId").asText()));
        assertThat(line.path("message").asText()).contains("dead-lettered");
        assertThat(line.path("level").asText()).isEqualTo("WARN");
    }

    /**
     * A usage event travels in the trace it was written in: the chunk locations a restore asks for in a sampled trace
     * are egress (a RESTORED event, written by ingest in that request), and metering's span of counting the event is in
     * the same trace, exported with it.
     */
    @Test
    void aUsageEventIsMeteredInTheTraceOfTheRequestThatCausedIt() throws Exception {
        Tenants.SignedUp tenant = Tenants.free("Tracing Usage Co");
        Agents.Registered registered = Agents.registered(tenant, "traced-usage");
        LocalAgent agent = new LocalAgent(registered, tmp.resolve("agent"));
        Path src = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(src.resolve("a.txt"), "metered");
        String backup = agent.backup(src).json().path("id").asText();
        String chunk = Api.json(Api.as(registered.accessToken()).when().get("/api/v1/backups/" + backup))
                .path("root")
                .get(0)
                .asText();
        byte[] id = new byte[16];
        ThreadLocalRandom.current().nextBytes(id);
        String traceId = HexFormat.of().formatHex(id);

        Api.as(registered.accessToken())
                .header(TraceParent.HEADER, "00-" + traceId + "-00f067aa0ba902b7-01")
                .body(java.util.Map.of("ids", List.of(chunk)))
                .when()
                .post("/api/v1/backups/" + backup + "/locations")
                .then()
                .statusCode(200);

        JsonNode metered = awaitSpan(
                "metering's count of the egress",
                s -> s.path("traceId").asText().equals(traceId)
                        && s.path("service").asText().equals("metering-service"));
        assertThat(metered.path("kind").asText()).isEqualTo("CONSUMER");
        assertThat(metered.path("name").asText()).isEqualTo("meter cairn.usage.v1");
        assertThat(metered.path("status").asText()).isNotEqualTo("ERROR");
        JsonNode located = awaitSpan(
                "ingest's answer",
                s -> s.path("traceId").asText().equals(traceId)
                        && s.path("service").asText().equals("ingest-service")
                        && s.path("kind").asText().equals("SERVER"));
        assertThat(metered.path("parentSpanId").asText())
                .isEqualTo(located.path("spanId").asText());
    }

    /**
     * A command carries the trace of the request that queued it: the tenant service logs its queueing in that trace, the
     * agent is handed it with the command, and its reports (the last one ends the command) come back in the same trace.
     * The agent starts the command's backup in that trace too, and the backup's own trace is linked to it. The request
     * is sampled, so every component exports its spans (to the platform's trace sink): both traces are there, joined.
     */
    @Test
    void aCommandsReportsAndItsBackupComeBackInTheTraceOfTheRequestThatQueuedIt() throws Exception {
        Tenants.SignedUp tenant = Tenants.free("Tracing Commands Co");
        JsonNode created = Agents.createCluster(tenant, "traced-cluster");
        String cluster = created.path("cluster").path("id").asText();
        byte[] id = new byte[16];
        ThreadLocalRandom.current().nextBytes(id);
        String traceId = HexFormat.of().formatHex(id);
        try (MockCluster k8s = MockCluster.realistic();
                RunningAgent agent = RunningAgent.start(
                        k8s,
                        created.path("registration").path("token").asText(),
                        Files.createDirectories(tmp.resolve("daemon")))) {
            await("the agent connected")
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> Api.json(Api.as(tenant.token()).when().get("/api/v1/clusters/" + cluster))
                            .path("phase")
                            .asText()
                            .equals("Connected"));

            // a tenant's request in its own trace, sampled (the platform's own ratio is 0: it samples what it is asked
            // to)
            String command = Api.as(tenant.token())
                    .header(TraceParent.HEADER, "00-" + traceId + "-00f067aa0ba902b7-01")
                    .body("{\"kind\":\"BACKUP\",\"backup\":{\"includeNamespaces\":[\"shop\"]}}")
                    .when()
                    .post("/api/v1/clusters/" + cluster + "/commands")
                    .then()
                    .statusCode(202)
                    .extract()
                    .path("id");

            JsonNode queued = awaitLine(
                    "tenant-service",
                    l -> l.path("message").asText().startsWith("command " + command + " (BACKUP) queued"));
            assertThat(queued.at("/mdc/traceId").asText()).isEqualTo(traceId);
            JsonNode ended = awaitLine(
                    "tenant-service", l -> l.path("message").asText().startsWith("command " + command + " of cluster"));
            assertThat(ended.path("message").asText()).as(agent.text()).contains("ended Completed");
            assertThat(ended.at("/mdc/traceId").asText()).isEqualTo(traceId);
            assertThat(agent.text()).contains("command " + command + ": BACKUP (trace " + traceId + ")");

            // the agent started the command's backup in the command's trace
            JsonNode started = awaitLine(
                    "ingest-service",
                    l -> traceId.equals(l.at("/mdc/traceId").asText())
                            && l.path("message").asText().contains(" started: "));
            UUID backup = UUID.fromString(started.path("message").asText().split(" ")[1]);
            String backupTrace = TraceParent.traceId(backup);

            // exported: the command's trace through the gateway and the tenant service to ingest's start of the backup
            awaitSpan(
                    "the gateway's",
                    s -> s.path("traceId").asText().equals(traceId)
                            && s.path("service").asText().equals("gateway"));
            awaitSpan(
                    "the tenant service's",
                    s -> s.path("traceId").asText().equals(traceId)
                            && s.path("service").asText().equals("tenant-service")
                            && s.path("kind").asText().equals("SERVER"));
            JsonNode start = awaitSpan(
                    "ingest's start of the backup",
                    s -> s.path("traceId").asText().equals(traceId)
                            && s.path("service").asText().equals("ingest-service")
                            && s.at("/attributes/cairn.backup.id").asText().equals(backup.toString()));
            // and the backup's own trace, sampled with it: its start linked to the request that started it, ingest's
            // handling of its records and its commit under the agent's run of it
            JsonNode linked = awaitSpan(
                    "the backup's start",
                    s -> s.path("traceId").asText().equals(backupTrace)
                            && s.path("name").asText().equals("backup started"));
            assertThat(linked.path("parentSpanId").asText()).isEqualTo(TraceParent.backupSpanId(backup));
            assertThat(linked.path("links").findValuesAsText("spanId"))
                    .contains(start.path("spanId").asText());
            assertThat(linked.path("links").findValuesAsText("traceId")).contains(traceId);
            JsonNode record = awaitSpan(
                    "a record's handling",
                    s -> s.path("traceId").asText().equals(backupTrace)
                            && s.path("kind").asText().equals("CONSUMER"));
            assertThat(record.path("parentSpanId").asText()).isEqualTo(TraceParent.backupSpanId(backup));
            awaitSpan(
                    "the commit",
                    s -> s.path("traceId").asText().equals(backupTrace)
                            && s.path("kind").asText().equals("SERVER")
                            && s.path("name").asText().contains("manifest"));
        }
    }

    /** The first span the components exported that {@code wanted} accepts, once it is there. */
    private static JsonNode awaitSpan(String what, Predicate<JsonNode> wanted) {
        return awaitLine(TestPlatform.get().home().resolve("logs").resolve(Platform.SPANS_FILE), what, wanted);
    }

    /** The first JSON line of a service's log that {@code wanted} accepts, once it is there. */
    private static JsonNode awaitLine(String service, Predicate<JsonNode> wanted) {
        return awaitLine(TestPlatform.get().home().resolve("logs").resolve(service + ".log"), "a line", wanted);
    }

    private static JsonNode awaitLine(Path log, String what, Predicate<JsonNode> wanted) {
        JsonNode[] found = new JsonNode[1];
        await(what + " in " + log)
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    found[0] = Files.exists(log)
                            ? find(Files.readAllLines(log), wanted).orElse(null)
                            : null;
                    return found[0] != null;
                });
        return found[0];
    }

    private static Optional<JsonNode> find(List<String> lines, Predicate<JsonNode> wanted) {
        for (String l : lines) {
            if (!l.startsWith("{")) {
                continue;
            }
            try {
                JsonNode json = Api.JSON.readTree(l);
                if (wanted.test(json)) {
                    return Optional.of(json);
                }
            } catch (java.io.IOException notJson) {
                // a line cut short while being written
            }
        }
        return Optional.empty();
    }
}
