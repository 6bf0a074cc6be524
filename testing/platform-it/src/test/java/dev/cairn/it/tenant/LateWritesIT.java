package dev.cairn.it.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import dev.cairn.it.support.Agents;
import dev.cairn.it.support.Api;
import dev.cairn.it.support.DisruptsThePlatform;
import dev.cairn.it.support.Tenants;
import dev.cairn.it.support.TestPlatform;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A write that read the state before another decision committed never undoes that decision: each test holds one
 * request at a fault point of the tenant service (after its read, before its write), runs the other write to the end,
 * then lets the first go on. Runs alone: the fault folder is the platform's.
 */
@DisruptsThePlatform
class LateWritesIT {
    private static final String HEARTBEAT = "/api/v1/agent/heartbeat";
    private static final String POLL = "/api/v1/agent/commands";

    /** Runs {@code late} until it is held at {@code point}, then {@code decision}, then lets {@code late} finish. */
    private static Response interleave(String point, Supplier<Response> late, Runnable decision) throws Exception {
        Path faults = Files.createDirectories(TestPlatform.faultDir());
        Files.deleteIfExists(faults.resolve("held"));
        Files.writeString(faults.resolve("hold-at"), point);
        CompletableFuture<Response> running;
        try {
            running = CompletableFuture.supplyAsync(late);
            await().atMost(Duration.ofSeconds(30)).until(() -> held(faults, point));
            decision.run();
        } finally {
            Files.deleteIfExists(faults.resolve("hold-at"));
        }
        Response answer = running.get(30, TimeUnit.SECONDS);
        Files.deleteIfExists(faults.resolve("held"));
        return answer;
    }

    private static boolean held(Path faults, String point) throws IOException {
        return Files.exists(faults.resolve("held"))
                && Files.readString(faults.resolve("held")).equals(point);
    }

    @Test
    void aHeartbeatReadBeforeARevocationNeverConnectsTheClusterAgain() throws Exception {
        Tenants.SignedUp tenant = Tenants.free("Late Heartbeat");
        Agents.Registered agent = Agents.registered(tenant, "late-beat");
        String clusterId = agent.credentials().path("clusterId").asText();
        String agentToken = Agents.accessToken(agent.apiToken());

        Response beat = interleave(
                "HEARTBEAT_BEFORE_WRITE",
                () -> Api.as(agentToken)
                        .body(Map.of("agentVersion", "9.9.9"))
                        .when()
                        .post(HEARTBEAT),
                () -> Api.as(tenant.token())
                        .when()
                        .delete("/api/v1/clusters/" + clusterId)
                        .then()
                        .statusCode(204));

        assertThat(beat.statusCode()).as(beat.asString()).isEqualTo(403);
        Api.as(tenant.token())
                .when()
                .get("/api/v1/clusters/" + clusterId)
                .then()
                .statusCode(200)
                .body("phase", equalTo("Revoked"));
    }

    @Test
    void aReportReadBeforeACancelNeverLosesTheCancel() throws Exception {
        Tenants.SignedUp tenant = Tenants.free("Late Report");
        Agents.Registered agent = Agents.registered(tenant, "late-report");
        String clusterId = agent.credentials().path("clusterId").asText();
        String agentToken = Agents.accessToken(agent.apiToken());
        String id = Agents.command(tenant, clusterId, "{\"kind\":\"BACKUP\",\"backup\":{}}");
        Api.as(agentToken).when().get(POLL).then().statusCode(200).body("commands[0].id", equalTo(id));
        String command = "/api/v1/clusters/" + clusterId + "/commands/" + id;

        Response report = interleave(
                "REPORT_BEFORE_COMMIT",
                () -> Api.as(agentToken)
                        .body(Map.of("phase", "Running", "progress", Map.of("bytes", 1)))
                        .when()
                        .post(POLL + "/" + id + "/status"),
                () -> Api.as(tenant.token())
                        .when()
                        .post(command + "/cancel")
                        .then()
                        .statusCode(200)
                        .body("cancelRequested", equalTo(true)));

        // the report ran again on the state the cancel left: it says so, and the cancel stands
        assertThat(report.statusCode()).as(report.asString()).isEqualTo(200);
        assertThat(report.jsonPath().getBoolean("cancelRequested")).isTrue();
        Api.as(tenant.token())
                .when()
                .get(command)
                .then()
                .statusCode(200)
                .body("phase", equalTo("Running"))
                .body("cancelRequested", equalTo(true));
        Api.as(agentToken).when().get(POLL).then().statusCode(200).body("cancel", contains(id));
    }

    /**
     * Holds the scheduled purge at {@code point} once {@code tenant} has asked for its deletion, runs {@code
     * decision} there, then lets the purge go on.
     */
    private static void holdPurge(String point, Tenants.SignedUp tenant, Runnable decision) throws Exception {
        Path faults = Files.createDirectories(TestPlatform.faultDir());
        Files.deleteIfExists(faults.resolve("held"));
        Files.writeString(faults.resolve("hold-at"), point);
        try {
            Api.as(tenant.token()).when().delete("/api/v1/tenant").then().statusCode(202);
            await().atMost(Duration.ofSeconds(60)).until(() -> held(faults, point));
            decision.run();
        } finally {
            Files.deleteIfExists(faults.resolve("hold-at"));
        }
    }

    @Test
    void aCancelThatCommitsBeforeThePurgeBeginsKeepsTheTenantWhole() throws Exception {
        Tenants.SignedUp tenant = Tenants.free("Cancel In Time");
        String token = tenant.token();
        holdPurge(
                "PURGE_BEFORE_MARK",
                tenant,
                () -> Api.as(token)
                        .when()
                        .post("/api/v1/tenant/cancel-deletion")
                        .then()
                        .statusCode(200)
                        .body("phase", equalTo("Active")));

        // the purge, let go, finds the tenant active; later runs (every second) do not take it either
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(10))
                .until(() -> "Active".equals(Tenants.phase(tenant.id())) && Tenants.keyCount(tenant.id()) == 2);
        Api.as(tenant.token())
                .when()
                .get("/api/v1/tenant")
                .then()
                .statusCode(200)
                .body("phase", equalTo("Active"));
    }

    @Test
    void aCancelAfterThePurgeBeganIsRefusedAndThePurgeEnds() throws Exception {
        Tenants.SignedUp tenant = Tenants.free("Cancel Too Late");
        String token = tenant.token();
        holdPurge(
                "PURGE_MARKED",
                tenant,
                () -> Api.as(token)
                        .when()
                        .post("/api/v1/tenant/cancel-deletion")
                        .then()
                        .statusCode(409)
                        .contentType(Api.PROBLEM)
                        .body("type", equalTo("https://cairn.dev/problems/tenant-not-active"))
                        .body("detail", org.hamcrest.Matchers.containsString("purge has begun")));

        await().atMost(Duration.ofSeconds(60)).until(() -> "Deleted".equals(Tenants.phase(tenant.id())));
        assertThat(Tenants.keyCount(tenant.id())).isZero();
    }
}
