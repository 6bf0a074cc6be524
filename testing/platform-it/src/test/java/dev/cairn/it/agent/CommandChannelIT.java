package dev.cairn.it.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.it.support.Agents;
import dev.cairn.it.support.Http;
import dev.cairn.it.support.Tenants;
import dev.cairn.it.support.TestPlatform;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The command channel: a tenant queues, its agent takes over the long-poll, reports progress, is told to cancel. */
class CommandChannelIT {
    private static final String BACKUP =
            "{\"kind\":\"BACKUP\",\"backup\":{\"includeNamespaces\":[\"shop\"],\"labelSelector\":\"app=web\"}}";

    private static String api() {
        return TestPlatform.get().entryPoint();
    }

    private static String commands(JsonNode cluster) {
        return api() + "/api/v1/clusters/" + cluster.path("clusterId").asText() + "/commands";
    }

    @Test
    void anAgentTakesItsCommandOnceReportsProgressAndIsToldToCancel() throws Exception {
        // given a tenant with a connected agent, waiting on its long-poll
        Tenants.SignedUp tenant = Tenants.free("Commands Alpha");
        Agents.Registered agent = Agents.registered(tenant, "alpha-edge");
        String agentToken = agent.accessToken();
        CompletableFuture<HttpResponse<String>> waiting =
                CompletableFuture.supplyAsync(() -> Http.get(api() + "/api/v1/agent/commands?wait=25", agentToken));
        Thread.sleep(500);

        // when the tenant asks for a backup
        HttpResponse<String> created = Http.json("POST", commands(agent.credentials()), tenant.token(), BACKUP);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        String id = Http.json(created).path("id").asText();
        assertThat(Http.json(created).path("phase").asText()).isEqualTo("Queued");

        // then the waiting poll wakes with it (well before its 25 s are up), and only once
        HttpResponse<String> poll = waiting.get(20, TimeUnit.SECONDS);
        assertThat(poll.statusCode()).as(poll.body()).isEqualTo(200);
        JsonNode delivered = Http.json(poll).path("commands");
        assertThat(delivered).hasSize(1);
        assertThat(delivered.get(0).path("id").asText()).isEqualTo(id);
        assertThat(delivered.get(0).path("kind").asText()).isEqualTo("BACKUP");
        assertThat(delivered.get(0).path("backup").path("labelSelector").asText())
                .isEqualTo("app=web");
        assertThat(delivered.get(0).path("restore").isNull()).isTrue();
        assertThat(Http.json(Http.get(api() + "/api/v1/agent/commands", agentToken))
                        .path("commands"))
                .isEmpty();

        // progress shows to the tenant
        HttpResponse<String> running = Http.json(
                "POST",
                api() + "/api/v1/agent/commands/" + id + "/status",
                agentToken,
                Map.of("phase", "Running", "progress", Map.of("bytes", 1234, "files", 7, "etaSeconds", 30)));
        assertThat(running.statusCode()).as(running.body()).isEqualTo(200);
        assertThat(Http.json(running).path("cancelRequested").asBoolean()).isFalse();
        JsonNode seen = Http.json(Http.get(commands(agent.credentials()) + "/" + id, tenant.token()));
        assertThat(seen.path("phase").asText()).isEqualTo("Running");
        assertThat(seen.path("progress").path("files").asInt()).isEqualTo(7);

        // a cancel reaches the agent on its next report and its next poll
        HttpResponse<String> cancel =
                Http.json("POST", commands(agent.credentials()) + "/" + id + "/cancel", tenant.token(), null);
        assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(200);
        assertThat(Http.json(Http.get(api() + "/api/v1/agent/commands", agentToken))
                        .path("cancel")
                        .get(0)
                        .asText())
                .isEqualTo(id);
        HttpResponse<String> told = Http.json(
                "POST",
                api() + "/api/v1/agent/commands/" + id + "/status",
                agentToken,
                Map.of("phase", "Running", "progress", Map.of("bytes", 2000)));
        assertThat(Http.json(told).path("cancelRequested").asBoolean()).isTrue();
        HttpResponse<String> ended = Http.json(
                "POST",
                api() + "/api/v1/agent/commands/" + id + "/status",
                agentToken,
                Map.of("phase", "Cancelled", "message", "cancelled by the tenant"));
        assertThat(ended.statusCode()).as(ended.body()).isEqualTo(200);
        assertThat(Http.json(Http.get(commands(agent.credentials()) + "/" + id, tenant.token()))
                        .path("phase")
                        .asText())
                .isEqualTo("Cancelled");

        // a finished command takes no more reports
        HttpResponse<String> late = Http.json(
                "POST", api() + "/api/v1/agent/commands/" + id + "/status", agentToken, Map.of("phase", "Completed"));
        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(late.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    }

    @Test
    void aQueuedCommandIsCancelledAtOnceAndBadCommandsAreRefusedWithProblems() {
        Tenants.SignedUp tenant = Tenants.free("Commands Bravo");
        Agents.Registered agent = Agents.registered(tenant, "bravo-edge");
        String id = Http.json(Http.json("POST", commands(agent.credentials()), tenant.token(), BACKUP))
                .path("id")
                .asText();
        JsonNode cancelled = Http.json(
                Http.json("POST", commands(agent.credentials()) + "/" + id + "/cancel", tenant.token(), null));
        assertThat(cancelled.path("phase").asText()).isEqualTo("Cancelled");
        assertThat(Http.json(Http.get(api() + "/api/v1/agent/commands", agent.accessToken()))
                        .path("commands"))
                .isEmpty();

        for (String bad : new String[] {
            "{\"kind\":\"BACKUP\"}",
            "{\"kind\":\"RESTORE\",\"backup\":{}}",
            "{\"kind\":\"BACKUP\",\"backup\":{\"includeNamespaces\":[\"../etc\"]}}",
            "{\"kind\":\"RESTORE\",\"restore\":{\"backupId\":\"not-a-uuid\"}}",
            "{\"kind\":\"RESTORE\",\"restore\":{\"backupId\":\"" + id + "\",\"existingResourcePolicy\":\"OVERWRITE\"}}",
            "{\"kind\":\"DELETE_EVERYTHING\"}"
        }) {
            HttpResponse<String> r = Http.json("POST", commands(agent.credentials()), tenant.token(), bad);
            assertThat(r.statusCode()).as(bad + " -> " + r.body()).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type").orElse(""))
                    .as(bad)
                    .startsWith("application/problem+json");
        }

        // a revoked agent's poll is refused, and its cluster takes no commands
        Http.json(
                "DELETE",
                api() + "/api/v1/clusters/"
                        + agent.credentials().path("clusterId").asText(),
                tenant.token(),
                null);
        HttpResponse<String> refused = Http.json("POST", commands(agent.credentials()), tenant.token(), BACKUP);
        assertThat(refused.statusCode()).isEqualTo(409);
    }
}
