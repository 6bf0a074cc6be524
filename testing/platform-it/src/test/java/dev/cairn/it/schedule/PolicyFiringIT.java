package dev.cairn.it.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.it.support.Agents;
import dev.cairn.it.support.Api;
import dev.cairn.it.support.Policies;
import dev.cairn.it.support.RunningAgent;
import dev.cairn.it.support.Tenants;
import dev.cairn.it.support.WaitsMostly;
import dev.cairn.testing.kubernetes.MockCluster;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Policies fire on their schedule through Quartz, queue BACKUP commands that the cluster's agent runs, and each run
 * ends with the truth: Completed with its backup, or Missed with the reason.
 */
@WaitsMostly
class PolicyFiringIT {
    private static String policies(Object... path) {
        StringBuilder p = new StringBuilder("/api/v1/policies");
        for (Object segment : path) {
            p.append('/').append(segment);
        }
        return p.toString();
    }

    private static List<JsonNode> runs(Tenants.SignedUp tenant, String policy) {
        return Policies.runs(tenant, policy);
    }

    /** A realistic mock cluster of the tenant, with its agent running and Connected. */
    private record Edge(MockCluster cluster, RunningAgent agent, String clusterId) implements AutoCloseable {
        static Edge connected(Tenants.SignedUp tenant) throws Exception {
            JsonNode created = Agents.createCluster(tenant, "edge");
            String clusterId = created.path("cluster").path("id").asText();
            MockCluster cluster = MockCluster.realistic();
            RunningAgent agent = RunningAgent.start(
                    cluster,
                    created.path("registration").path("token").asText(),
                    Files.createTempDirectory("edge-agent"));
            awaitConnected(tenant, clusterId);
            return new Edge(cluster, agent, clusterId);
        }

        @Override
        public void close() throws Exception {
            agent.close();
            cluster.close();
        }
    }

    /** Waits until the tenant's cluster shows Connected (its agent sends heartbeats). */
    private static void awaitConnected(Tenants.SignedUp tenant, String clusterId) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> Api.as(tenant.token())
                        .when()
                        .get("/api/v1/clusters/" + clusterId)
                        .then()
                        .body("phase", equalTo("Connected")));
    }

    /** The policy's run whose {@code field} is {@code value}. */
    private static JsonNode run(Tenants.SignedUp tenant, String policy, String field, String value) {
        return runs(tenant, policy).stream()
                .filter(r -> r.path(field).asText().equals(value))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void onTheLocalPlatformsDemoClusterAPerMinutePolicyFiresOnTimeAndItsBackupsAppearAndExpire() {
        // given the demo tenant, whose cluster "demo" (the platform's mock Kubernetes API) is Connected on its own
        Tenants.SignedUp tenant = Tenants.demo();
        JsonNode demo =
                Api.json(Api.as(tenant.token()).when().get("/api/v1/clusters"))
                        .path("items")
                        .findParents("name")
                        .stream()
                        .filter(c -> c.path("name").asText().equals("demo"))
                        .findFirst()
                        .orElseThrow();
        String clusterId = demo.path("id").asText();
        awaitConnected(tenant, clusterId);

        // when a policy made through the API says every minute, without jitter, keep the last one
        String policy = Policies.everyMinute(tenant, clusterId, "every-minute-" + UUID.randomUUID(), 1);
        try {
            // then it fires twice within about two minutes, and both runs end Completed with a backup each
            await().atMost(Duration.ofMinutes(4))
                    .pollInterval(Duration.ofSeconds(2))
                    .until(
                            () -> runs(tenant, policy).stream()
                                    .filter(r -> r.path("phase").asText().equals("Completed"))
                                    .count(),
                            n -> n >= 2);
            List<JsonNode> completed = runs(tenant, policy).stream()
                    .filter(r -> r.path("phase").asText().equals("Completed"))
                    .limit(2)
                    .toList();
            Instant newer = Instant.parse(completed.get(0).path("plannedAt").asText());
            Instant older = Instant.parse(completed.get(1).path("plannedAt").asText());
            assertThat(Duration.between(older, newer).toSeconds() % 60)
                    .as("planned on whole minutes")
                    .isZero();
            for (JsonNode run : completed) {
                Instant planned = Instant.parse(run.path("plannedAt").asText());
                assertThat(planned.getEpochSecond() % 60).isZero();
                assertThat(Duration.between(
                                planned, Instant.parse(run.path("firedAt").asText())))
                        .as("fire lag")
                        .isLessThan(Duration.ofSeconds(15));
                assertThat(run.path("manual").asBoolean()).isFalse();
                Api.as(tenant.token())
                        .when()
                        .get("/api/v1/clusters/" + clusterId + "/commands/"
                                + run.path("commandId").asText())
                        .then()
                        .statusCode(200)
                        .body("policyId", equalTo(policy));
            }
            String kept = completed.get(0).path("backupId").asText();
            String expired = completed.get(1).path("backupId").asText();
            assertThat(kept).isNotEqualTo(expired);
            // the newer backup is there; the older one expires by the policy's retention, with no other command
            Api.as(tenant.token())
                    .when()
                    .get("/api/v1/backups/" + kept)
                    .then()
                    .statusCode(200)
                    .body("phase", equalTo("Completed"))
                    .body("clusterId", equalTo(clusterId));
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> Api.as(tenant.token())
                            .when()
                            .get("/api/v1/backups/" + expired)
                            .then()
                            .statusCode(404));
            assertThat(run(tenant, policy, "backupId", expired)
                            .path("expiredAt")
                            .asText())
                    .isNotBlank();
            Api.as(tenant.token())
                    .when()
                    .get(policies(policy))
                    .then()
                    .statusCode(200)
                    .body("consecutiveFailures", equalTo(0));
        } finally {
            // the demo cluster is shared: its policy goes
            Api.as(tenant.token()).when().delete(policies(policy)).then().statusCode(204);
        }
    }

    @Test
    void keepLastOneLeavesOneBackupAndThePreviewSaysWhy() throws Exception {
        Tenants.SignedUp tenant = Tenants.free("Retention Co");
        try (Edge edge = Edge.connected(tenant)) {
            String clusterId = edge.clusterId();
            String policy = Api.as(tenant.token())
                    .body(Map.of(
                            "name",
                            "keep-one",
                            "clusterId",
                            clusterId,
                            "backup",
                            Map.of("includeNamespaces", List.of("billing")),
                            "schedule",
                            Map.of("cron", "@daily"),
                            "retention",
                            Map.of("keepLast", 1),
                            "paused",
                            true))
                    .when()
                    .post(policies())
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");

            // two runs, one after the other
            String first = completedRunNow(tenant, policy);
            String second = completedRunNow(tenant, policy);

            // then the first backup expires: gone from the API, its run says why
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> Api.as(tenant.token())
                            .when()
                            .get("/api/v1/backups/" + first)
                            .then()
                            .statusCode(404));
            JsonNode expiredRun = run(tenant, policy, "backupId", first);
            assertThat(expiredRun.path("expiredAt").asText()).isNotBlank();
            assertThat(expiredRun.path("expiredBecause").asText()).isEqualTo("no rule keeps it");
            Api.as(tenant.token())
                    .when()
                    .get("/api/v1/backups/" + second)
                    .then()
                    .statusCode(200)
                    .body("phase", equalTo("Completed"));
            // and the preview names the rule that keeps the other
            JsonNode preview = Api.json(Api.as(tenant.token()).when().get(policies(policy, "retention-preview")));
            assertThat(preview).hasSize(1);
            assertThat(preview.get(0).path("backupId").asText()).isEqualTo(second);
            assertThat(preview.get(0).path("keep").asBoolean()).isTrue();
            assertThat(preview.get(0).path("reasons").toString()).isEqualTo("[\"last 1\"]");
        }
    }

    /** Runs the policy now and waits until its run completes; answers its backup's id. */
    private static String completedRunNow(Tenants.SignedUp tenant, String policy) {
        String run = Api.as(tenant.token())
                .when()
                .post(policies(policy, "run"))
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        JsonNode done = await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1))
                .until(
                        () -> run(tenant, policy, "id", run),
                        r -> !r.path("phase").asText().equals("Queued")
                                && !r.path("phase").asText().equals("Running"));
        assertThat(done.path("phase").asText()).as(done.toString()).isEqualTo("Completed");
        return done.path("backupId").asText();
    }

    @Test
    void aRunItsAgentNeverTakesIsMissedWhenTheNextOneStarts() {
        Tenants.SignedUp tenant = Tenants.free("Offline Co");
        String clusterId = Agents.registered(tenant, "offline")
                .credentials()
                .path("clusterId")
                .asText();
        String policy = Api.as(tenant.token())
                .body(Map.of(
                        "name",
                        "nightly",
                        "clusterId",
                        clusterId,
                        "schedule",
                        Map.of("cron", "0 2 * * *"),
                        "paused",
                        true))
                .when()
                .post(policies())
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        // "run now" works on a paused policy and queues a command for the (never polling) agent
        JsonNode first = Api.json(Api.as(tenant.token()).when().post(policies(policy, "run")));
        assertThat(first.path("phase").asText()).isEqualTo("Queued");
        assertThat(first.path("manual").asBoolean()).isTrue();
        Api.as(tenant.token())
                .when()
                .get("/api/v1/clusters/" + clusterId + "/commands/"
                        + first.path("commandId").asText())
                .then()
                .body("phase", equalTo("Queued"));

        // the next run cancels the untaken one, which ends Missed with the reason
        JsonNode second = Api.json(Api.as(tenant.token()).when().post(policies(policy, "run")));
        assertThat(second.path("phase").asText()).isEqualTo("Queued");
        List<JsonNode> runs = runs(tenant, policy);
        assertThat(runs).hasSize(2);
        assertThat(runs.get(1).path("id").asText()).isEqualTo(first.path("id").asText());
        assertThat(runs.get(1).path("phase").asText()).isEqualTo("Missed");
        assertThat(runs.get(1).path("reason").asText()).contains("did not take it");
        Api.as(tenant.token())
                .when()
                .get("/api/v1/clusters/" + clusterId + "/commands/"
                        + first.path("commandId").asText())
                .then()
                .body("phase", equalTo("Cancelled"));
        Api.as(tenant.token())
                .when()
                .get(policies(policy))
                .then()
                .body("consecutiveFailures", equalTo(1))
                .body("lastRun.id", equalTo(second.path("id").asText()))
                .body("lastRun.phase", equalTo("Queued"));
        // another tenant can neither run it nor see its runs
        Tenants.SignedUp other = Tenants.free("Offline Other");
        Api.as(other.token())
                .when()
                .post(policies(policy, "run"))
                .then()
                .statusCode(404)
                .contentType(Api.PROBLEM);
        Api.as(other.token())
                .when()
                .get(policies(policy, "runs"))
                .then()
                .statusCode(404)
                .contentType(Api.PROBLEM);
    }
}
