package dev.cairn.it.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.it.support.Agents;
import dev.cairn.it.support.Api;
import dev.cairn.it.support.Tenants;
import io.restassured.response.Response;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One long-poll waits per cluster (issue 17, item 1): a newer poll with the agent's token ends the one waiting at
 * once, answered empty and {@code superseded}, so that one token cannot hold hundreds of waits (each once held a
 * worker thread for 30 s; the polls now wait on virtual threads).
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
}
