package dev.cairn.it.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.it.support.Agents;
import dev.cairn.it.support.Api;
import dev.cairn.it.support.Catalog;
import dev.cairn.it.support.Policies;
import dev.cairn.it.support.Tenants;
import dev.cairn.it.support.TestPlatform;
import dev.cairn.testing.platform.Platform;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Backup policies through the public API: create, read, page, replace, pause, resume, delete; bad ones refused. */
class PolicyIT {
    private static final String POLICIES = "/api/v1/policies";
    private static Tenants.SignedUp tenant;
    private static String cluster;

    @BeforeAll
    static void aTenantWithACluster() {
        tenant = Tenants.free("Policies Co");
        cluster = Agents.createCluster(tenant, "prod-eu")
                .path("cluster")
                .path("id")
                .asText();
    }

    @Test
    void aPolicyIsCreatedReadReplacedPausedResumedAndDeleted() {
        JsonNode created = Api.as(tenant.token())
                .body(Policies.nightly(cluster, "nightly"))
                .when()
                .post(POLICIES)
                .then()
                .statusCode(201)
                .header("Location", matchesPattern(".*/api/v1/policies/[0-9a-f-]{36}"))
                .body("phase", equalTo("Active"))
                .body("schedule.timeZone", equalTo("Europe/Paris"))
                .body("retention.keepDaily", equalTo(7))
                .body("backup.includeNamespaces", contains("shop"))
                .body("nextFireAt", notNullValue())
                .extract()
                .as(JsonNode.class);
        String id = created.path("id").asText();
        // the next fire is tomorrow's or today's 02:00 in Paris, shifted by the policy's own jitter (at most 5 min)
        Instant next = Instant.parse(created.path("nextFireAt").asText());
        Duration jitter = Duration.parse(created.path("jitterOffset").asText());
        assertThat(jitter).isBetween(Duration.ZERO, Duration.ofMinutes(5));
        assertThat(next.minus(jitter)
                        .atZone(java.time.ZoneId.of("Europe/Paris"))
                        .getHour())
                .isEqualTo(2);
        assertThat(next).isBetween(Instant.now(), Instant.now().plus(Duration.ofHours(25)));

        Api.as(tenant.token())
                .when()
                .get(POLICIES + "/" + id)
                .then()
                .statusCode(200)
                .body("name", equalTo("nightly"));

        Map<String, Object> hourly = new HashMap<>(Policies.nightly(cluster, "nightly"));
        hourly.put("schedule", Map.of("interval", "PT1H", "jitter", "PT0S"));
        hourly.put("retention", Map.of("keepLast", 3, "keepDaily", 7, "maxAge", "P30D"));
        Api.as(tenant.token())
                .body(hourly)
                .when()
                .put(POLICIES + "/" + id)
                .then()
                .statusCode(200)
                .body("schedule.interval", equalTo("PT1H"))
                .body("schedule.cron", nullValue())
                .body("retention.keepLast", equalTo(3))
                .body("retention.maxAge", equalTo("PT720H"))
                .body("jitterOffset", equalTo("PT0S"));

        Api.as(tenant.token())
                .when()
                .post(POLICIES + "/" + id + "/pause")
                .then()
                .statusCode(200)
                .body("phase", equalTo("Paused"))
                .body("nextFireAt", nullValue());
        Api.as(tenant.token())
                .when()
                .post(POLICIES + "/" + id + "/resume")
                .then()
                .statusCode(200)
                .body("phase", equalTo("Active"))
                .body("nextFireAt", notNullValue());

        Api.as(tenant.token()).when().delete(POLICIES + "/" + id).then().statusCode(204);
        Api.as(tenant.token())
                .when()
                .get(POLICIES + "/" + id)
                .then()
                .statusCode(404)
                .contentType(Api.PROBLEM);
    }

    @Test
    void aRepeatedIdempotencyKeyAnswersThePolicyItMadeAndANameIsTakenOnce() {
        String key = UUID.randomUUID().toString();
        String first = Api.as(tenant.token())
                .header("Idempotency-Key", key)
                .body(Policies.nightly(cluster, "once"))
                .when()
                .post(POLICIES)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        Api.as(tenant.token())
                .header("Idempotency-Key", key)
                .body(Policies.nightly(cluster, "once"))
                .when()
                .post(POLICIES)
                .then()
                .statusCode(200)
                .body("id", equalTo(first));
        Api.as(tenant.token())
                .body(Policies.nightly(cluster, "once"))
                .when()
                .post(POLICIES)
                .then()
                .statusCode(409)
                .contentType(Api.PROBLEM);
    }

    @Test
    void theListIsPagedWithACursor() {
        Tenants.SignedUp pager = Tenants.free("Policies Pager");
        String own = Agents.createCluster(pager, "c").path("cluster").path("id").asText();
        for (String name : List.of("p1", "p2", "p3")) {
            Policies.create(pager, own, name);
        }
        JsonNode first =
                Api.json(Api.as(pager.token()).queryParam("limit", 2).when().get(POLICIES));
        assertThat(first.path("items").findValuesAsText("name")).containsExactly("p1", "p2");
        String cursor = first.path("nextCursor").asText();
        Api.as(pager.token())
                .queryParam("limit", 2)
                .queryParam("cursor", cursor)
                .when()
                .get(POLICIES)
                .then()
                .statusCode(200)
                .body("items.name", contains("p3"))
                .body("nextCursor", nullValue());
        Api.as(pager.token())
                .queryParam("cursor", "forged")
                .when()
                .get(POLICIES)
                .then()
                .statusCode(400)
                .contentType(Api.PROBLEM)
                .body("errors.field", hasItem("cursor"));
    }

    @Test
    void aPolicyWrittenIntoTheDatabaseWithoutItsTriggerIsArmedByTheReconcile() throws Exception {
        // given a policy row written by other means than the API (a restored schema, a migration): no trigger
        String model =
                Policies.create(tenant, cluster, "reconcile-model").path("id").asText();
        UUID copy = UUID.randomUUID();
        try (Connection c = TestPlatform.get().postgres().connect(Platform.DATABASE);
                PreparedStatement s = c.prepareStatement("INSERT INTO scheduler.policy (id, tenant_id, cluster_id,"
                        + " name, backup_spec, cron, time_zone, jitter_seconds, keep_daily, phase, created_at,"
                        + " updated_at) SELECT ?, tenant_id, cluster_id, 'reconciled', backup_spec, cron, time_zone,"
                        + " jitter_seconds, keep_daily, phase, now(), now() FROM scheduler.policy WHERE id = ?")) {
            s.setObject(1, copy);
            s.setObject(2, UUID.fromString(model));
            assertThat(s.executeUpdate()).isEqualTo(1);
        }

        // then the scheduler arms it on its own
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> Catalog.query(
                                "SELECT count(*) FROM scheduler.qrtz_triggers WHERE trigger_group = 'policies'"
                                        + " AND trigger_name = CAST(? AS VARCHAR)",
                                copy)
                        == 1);
        Api.as(tenant.token()).when().delete(POLICIES + "/" + copy).then().statusCode(204);
        Api.as(tenant.token()).when().delete(POLICIES + "/" + model).then().statusCode(204);
    }

    @Test
    void badPoliciesAreRefusedNamingTheField() {
        refused(with("schedule", Map.of("cron", "61 * * * *")), "schedule.cron");
        refused(with("schedule", Map.of("cron", "0 2 * * *", "timeZone", "Mars/Olympus_Mons")), "schedule.timeZone");
        refused(with("schedule", Map.of("interval", "PT10S")), "schedule.interval");
        refused(with("schedule", Map.of("cron", "@daily", "interval", "PT1H")), "schedule.cron");
        refused(with("schedule", Map.of("cron", "@daily", "jitter", "PT2H")), "schedule.jitter");
        refused(with("retention", Map.of("keepLast", 0)), "retention.keepLast");
        refused(with("retention", Map.of("maxAge", "-P1D")), "retention.maxAge");
        refused(with("backup", Map.of("includeNamespaces", List.of("../etc"))), "backup.includeNamespaces");
        refused(with("name", "Not A Name"), "name");
        refused(with("clusterId", UUID.randomUUID().toString()), "clusterId");
        // another tenant's cluster is no cluster at all
        Tenants.SignedUp other = Tenants.free("Policies Other");
        String theirs =
                Agents.createCluster(other, "theirs").path("cluster").path("id").asText();
        refused(with("clusterId", theirs), "clusterId");
    }

    private static Map<String, Object> with(String field, Object value) {
        Map<String, Object> body = new HashMap<>(
                Policies.nightly(cluster, "bad-" + UUID.randomUUID().toString().substring(0, 8)));
        body.put(field, value);
        return body;
    }

    private static void refused(Map<String, Object> body, String field) {
        JsonNode problem = Api.json(Api.as(tenant.token())
                .body(body)
                .when()
                .post(POLICIES)
                .then()
                .statusCode(400)
                .contentType(Api.PROBLEM)
                .body("errors", hasSize(1))
                .extract()
                .response());
        assertThat(problem.path("errors").get(0).path("field").asText())
                .as(body.toString())
                .startsWith(field);
    }
}
