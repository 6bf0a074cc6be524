package dev.cairn.it.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.testing.platform.Platform;
import dev.cairn.testing.servers.KafkaServer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Test fixtures of metering: what it counted for a tenant, and plans as the operator defines them. */
public final class Metering {
    private Metering() {}

    /** The stored bytes metering counted for the tenant (its sum of STORED events). */
    public static long stored(UUID tenant) throws Exception {
        return Catalog.query("SELECT stored_bytes FROM metering.tenant_usage WHERE tenant_id = ?", tenant);
    }

    /**
     * Waits until the tenant's objects are replicated (their REPLICATED events written) and metering has counted every
     * usage event ingest and the tenant service wrote for the tenant (relays, topic, consumer).
     */
    public static void awaitCaughtUp(UUID tenant) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> Catalog.query("SELECT count(*) FROM ingest.replication_task WHERE tenant_id = ?", tenant)
                                == 0
                        && Catalog.query("SELECT count(*) FROM ingest.usage_event WHERE tenant_id = ?", tenant)
                                        + Catalog.query(
                                                "SELECT count(*) FROM tenant.usage_event WHERE tenant_id = ?", tenant)
                                == Catalog.query(
                                        "SELECT count(*) FROM metering.usage_event WHERE tenant_id = ?", tenant));
    }

    /** Defines a plan as the operator (idempotent on its code); its code. */
    public static String plan(String code, long limitBytes, String pricePerTbMonth, String pricePerClusterMonth) {
        Api.as(Operators.token())
                .body(Map.of(
                        "code", code,
                        "name", "Test plan " + code,
                        "storedBytesLimit", limitBytes,
                        "currency", "EUR",
                        "pricePerTbMonth", pricePerTbMonth,
                        "pricePerClusterMonth", pricePerClusterMonth))
                .when()
                .post("/api/v1/admin/plans")
                .then()
                .statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        return code;
    }

    /** Puts the tenant on the plan as the operator; the answer (tenant, plan, limit). */
    public static JsonNode putOnPlan(UUID tenant, String plan) {
        return Api.json(Api.as(Operators.token())
                .body(Map.of("plan", plan))
                .when()
                .put("/api/v1/admin/tenants/" + tenant + "/plan"));
    }

    /** The tenant's usage now, as its administrator reads it. */
    public static JsonNode current(Tenants.SignedUp tenant) {
        return Api.json(Api.as(tenant.token()).when().get("/api/v1/usage"));
    }

    /** A usage event as ingest or the tenant service writes it (CloudEvents JSON), of {@code kind}. */
    public static String event(UUID tenant, String kind, long bytes, Instant at, UUID cluster) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\",\"source\":\"/cairn/it\",\"type\":"
                + "\"dev.cairn.usage." + kind + ".v1\",\"time\":\"" + at + "\",\"data\":{\"tenantId\":\"" + tenant
                + "\",\"bytes\":" + bytes + (cluster == null ? "" : ",\"clusterId\":\"" + cluster + "\"") + "}}";
    }

    /** Writes a usage event to the usage topic as the platform's relays do. */
    public static void send(String event) throws Exception {
        var props = TestPlatform.get()
                .kafka()
                .clientProperties(
                        KafkaServer.ADMIN_USER, TestPlatform.get().kafka().adminPassword());
        try (KafkaProducer<String, String> p =
                new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            p.send(new ProducerRecord<>(Platform.USAGE_TOPIC, event)).get();
        }
    }

    /**
     * Asks for a statements run as an operator, with an Idempotency-Key: 202 with the run at once, a repeat of the
     * request answers the same run; then follows it to its end. The finished run.
     */
    public static JsonNode runStatements() {
        String key = UUID.randomUUID().toString();
        io.restassured.response.Response started = Api.as(Operators.token())
                .header("Idempotency-Key", key)
                .when()
                .post("/api/v1/admin/billing/statements/run");
        assertThat(started.statusCode()).as(started.asString()).isIn(200, 202);
        String id = started.jsonPath().getString("id");
        assertThat(started.header("Location")).endsWith("/api/v1/admin/billing/statements/runs/" + id);
        JsonNode[] run = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> !(run[0] = Api.json(
                                Api.as(Operators.token()).when().get("/api/v1/admin/billing/statements/runs/" + id)))
                        .path("phase")
                        .asText()
                        .equals("Running"));
        assertThat(run[0].path("phase").asText()).as(run[0].toString()).isEqualTo("Completed");
        JsonNode repeated = Api.json(Api.as(Operators.token())
                .header("Idempotency-Key", key)
                .when()
                .post("/api/v1/admin/billing/statements/run"));
        assertThat(repeated.path("id").asText()).isEqualTo(id);
        assertThat(Api.json(Api.as(Operators.token()).when().get("/api/v1/admin/billing/statements/runs"))
                        .path("items")
                        .findValuesAsText("id"))
                .contains(id);
        return run[0];
    }

    /** Waits until metering has counted {@code events} usage events of the tenant. */
    public static void awaitCounted(UUID tenant, long events) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Catalog.query("SELECT count(*) FROM metering.usage_event WHERE tenant_id = ?", tenant)
                        == events);
    }
}
