package dev.cairn.it.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.it.support.Agents;
import dev.cairn.it.support.Api;
import dev.cairn.it.support.Tenants;
import dev.cairn.it.support.TestPlatform;
import dev.cairn.testing.platform.Platform;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One long-poll waits per cluster (issue 17, item 1): a newer poll with the agent's token ends the one waiting at
 * once, answered empty and {@code superseded}, so that one token cannot hold hundreds of waits (each once held a
 * worker thread for 30 s; the polls now wait on virtual threads). And an idle agent's polls do not look at the database
 * until its cluster's commands change, as every instance is told (issue 18's 10,000 agents; ADR 0027).
 */
class AgentPollIT {
    private static final String POLL = "/api/v1/agent/commands";

    @Test
    void aNewerPollOfTheClusterEndsTheWaitingOneAtOnce() throws Exception {
        Tenants.SignedUp tenant = Tenants.free("One Poll");
        Agents.Registered agent = Agents.registered(tenant, "poller");
        String token = agent.accessToken();

        // a thread each (the common pool has one thread on two cores: the polls would go one after the other)
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        CompletableFuture<Response> first = CompletableFuture.supplyAsync(
                () -> Api.as(token).queryParam("wait", 30).when().get(POLL), threads);
        CompletableFuture<Response> second = CompletableFuture.supplyAsync(
                () -> Api.as(token).queryParam("wait", 20).when().get(POLL), threads);

        // whichever began first is superseded by the other, within seconds rather than after its 20 or 30 s
        Response ended = (Response) CompletableFuture.anyOf(first, second).get(8, TimeUnit.SECONDS);
        assertThat(ended.statusCode()).as(ended.asString()).isEqualTo(200);
        assertThat(ended.jsonPath().getBoolean("superseded")).isTrue();
        assertThat(ended.jsonPath().getList("commands")).isEmpty();

        // a third poll supersedes the one still waiting, and itself answers normally
        CompletableFuture<Response> waiting = first.isDone() && first.join() == ended ? second : first;
        Response third = Api.as(token).queryParam("wait", 0).when().get(POLL);
        assertThat(third.jsonPath().getBoolean("superseded")).isFalse();
        assertThat(waiting.get(8, TimeUnit.SECONDS).jsonPath().getBoolean("superseded"))
                .isTrue();
    }

    @Test
    void whatHappensOnAnotherInstanceReachesTheWaitingPollAtOnce() throws Exception {
        Tenants.SignedUp tenant = Tenants.free("Other Instance");
        Agents.Registered agent = Agents.registered(tenant, "poller");
        String token = agent.accessToken();
        UUID cluster = UUID.fromString(agent.credentials().path("clusterId").asText());
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        try (Connection db = TestPlatform.get().postgres().connect(Platform.DATABASE)) {
            // a poll of the cluster begins on another instance (as its CommandNotifications says so): the poll
            // waiting here ends at once, superseded, rather than after its 25 s
            long start = System.nanoTime();
            CompletableFuture<Response> waiting = CompletableFuture.supplyAsync(
                    () -> Api.as(token).queryParam("wait", 25).when().get(POLL), threads);
            await().atMost(Duration.ofSeconds(15))
                    .pollInterval(Duration.ofMillis(300))
                    .until(() -> {
                        notify(db, "p another-instance " + cluster);
                        return waiting.isDone();
                    });
            assertThat(waiting.get().jsonPath().getBoolean("superseded")).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));

            // a command queued through another instance (its row and its notification, in one transaction) reaches
            // the poll waiting here within moments, not at its next database check (30 s)
            start = System.nanoTime();
            CompletableFuture<Response> next = CompletableFuture.supplyAsync(
                    () -> Api.as(token).queryParam("wait", 25).when().get(POLL), threads);
            UUID command = UUID.randomUUID();
            db.setAutoCommit(false);
            queue(db, command, tenant.id(), cluster);
            notify(db, "c " + cluster);
            // the poll is waiting by now (it took nothing: the row is not committed)
            Thread.sleep(2_000);
            db.commit();
            Response delivered = next.get(15, TimeUnit.SECONDS);
            assertThat(delivered.jsonPath().getString("commands[0].id")).isEqualTo(command.toString());
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        }
    }

    @Test
    void anIdleAgentsPollsReadNothingUntilItsClusterChanges() throws Exception {
        Tenants.SignedUp tenant = Tenants.free("Idle Poll");
        Agents.Registered agent = Agents.registered(tenant, "idle");
        String token = agent.accessToken();
        UUID cluster = UUID.fromString(agent.credentials().path("clusterId").asText());
        Response first = Api.as(token).queryParam("wait", 0).when().get(POLL);
        assertThat(first.statusCode()).as(first.asString()).isEqualTo(200);
        assertThat(first.jsonPath().getList("commands")).isEmpty(); // nothing to do: known so from now on

        try (Connection db = TestPlatform.get().postgres().connect(Platform.DATABASE)) {
            // a command written without a word to the service (no instance of it would do that): the agent's polls
            // do not read the database again, so they do not see it...
            UUID command = UUID.randomUUID();
            queue(db, command, tenant.id(), cluster);
            for (int i = 0; i < 3; i++) {
                assertThat(Api.as(token)
                                .queryParam("wait", 0)
                                .when()
                                .get(POLL)
                                .jsonPath()
                                .getList("commands"))
                        .isEmpty();
            }
            // ... until a change of the cluster's commands is notified, as every instance does in its transaction
            notify(db, "c " + cluster);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> Api.as(token)
                            .queryParam("wait", 0)
                            .when()
                            .get(POLL)
                            .jsonPath()
                            .getList("commands.id")
                            .contains(command.toString()));
        }
    }

    @Test
    void aQuietAgentsNextPollAfterItsRevocationIsRefused() {
        Tenants.SignedUp tenant = Tenants.free("Quiet Revoked");
        Agents.Registered agent = Agents.registered(tenant, "quiet");
        String token = agent.accessToken();
        // found with nothing to do, twice: its polls no longer look at the cluster
        Api.as(token).queryParam("wait", 0).when().get(POLL).then().statusCode(200);
        Api.as(token).queryParam("wait", 0).when().get(POLL).then().statusCode(200);
        Agents.revoke(tenant, agent);
        Api.as(token)
                .queryParam("wait", 0)
                .when()
                .get(POLL)
                .then()
                .statusCode(403)
                .contentType(Api.PROBLEM);
    }

    /** A BACKUP command's row, written as a service would (without its notification: the callers decide). */
    private static void queue(Connection db, UUID command, UUID tenant, UUID cluster) throws Exception {
        try (PreparedStatement s = db.prepareStatement("INSERT INTO tenant.agent_command (id, tenant_id, cluster_id,"
                + " kind, spec, phase, created_at, updated_at) VALUES (?, ?, ?, 'BACKUP', '{}', 'Queued', now(),"
                + " now())")) {
            s.setObject(1, command);
            s.setObject(2, tenant);
            s.setObject(3, cluster);
            s.executeUpdate();
        }
    }

    private static void notify(Connection db, String payload) throws Exception {
        try (PreparedStatement s = db.prepareStatement("SELECT pg_notify('cairn_commands', ?)")) {
            s.setString(1, payload);
            s.execute();
        }
    }
}
