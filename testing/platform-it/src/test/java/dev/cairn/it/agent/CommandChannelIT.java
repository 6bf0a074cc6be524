package dev.cairn.it.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import dev.cairn.it.support.Agents;
import dev.cairn.it.support.Api;
import dev.cairn.it.support.Tenants;
import io.restassured.response.Response;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The command channel: a tenant queues, its agent takes over the long-poll, reports progress, is told to cancel. */
class CommandChannelIT {
    private static final String BACKUP =
            "{\"kind\":\"BACKUP\",\"backup\":{\"includeNamespaces\":[\"shop\"],\"labelSelector\":\"app=web\"}}";
    private static final String POLL = "/api/v1/agent/commands";

    private static String commands(Agents.Registered agent) {
        return "/api/v1/clusters/" + agent.credentials().path("clusterId").asText() + "/commands";
    }

    private static Response report(String agentToken, String id, Object status) {
        return Api.as(agentToken).body(status).when().post(POLL + "/" + id + "/status");
    }

    @Test
    void anAgentTakesItsCommandOnceReportsProgressAndIsToldToCancel() throws Exception {
        // given a tenant with a connected agent, waiting on its long-poll
        Tenants.SignedUp tenant = Tenants.free("Commands Alpha");
        Agents.Registered agent = Agents.registered(tenant, "alpha-edge");
        String agentToken = agent.accessToken();
        CompletableFuture<Response> waiting = CompletableFuture.supplyAsync(
                () -> Api.as(agentToken).queryParam("wait", 25).when().get(POLL));
        Thread.sleep(500);

        // when the tenant asks for a backup
        String id = Api.as(tenant.token())
                .body(BACKUP)
                .when()
                .post(commands(agent))
                .then()
                .statusCode(202)
                .body("phase", equalTo("Queued"))
                .extract()
                .path("id");

        // then the waiting poll wakes with it (well before its 25 s are up), and only once
        waiting.get(20, TimeUnit.SECONDS)
                .then()
                .statusCode(200)
                .body("commands", hasSize(1))
                .body("commands[0].id", equalTo(id))
                .body("commands[0].kind", equalTo("BACKUP"))
                .body("commands[0].backup.labelSelector", equalTo("app=web"))
                .body("commands[0].restore", nullValue());
        Api.as(agentToken).when().get(POLL).then().statusCode(200).body("commands", empty());

        // progress shows to the tenant
        report(
                        agentToken,
                        id,
                        Map.of("phase", "Running", "progress", Map.of("bytes", 1234, "files", 7, "etaSeconds", 30)))
                .then()
                .statusCode(200)
                .body("cancelRequested", equalTo(false));
        Api.as(tenant.token())
                .when()
                .get(commands(agent) + "/" + id)
                .then()
                .statusCode(200)
                .body("phase", equalTo("Running"))
                .body("progress.files", equalTo(7));

        // a cancel reaches the agent on its next report and its next poll
        Api.as(tenant.token())
                .when()
                .post(commands(agent) + "/" + id + "/cancel")
                .then()
                .statusCode(200);
        Api.as(agentToken).when().get(POLL).then().statusCode(200).body("cancel", contains(id));
        report(agentToken, id, Map.of("phase", "Running", "progress", Map.of("bytes", 2000)))
                .then()
                .statusCode(200)
                .body("cancelRequested", equalTo(true));
        report(agentToken, id, Map.of("phase", "Cancelled", "message", "cancelled by the tenant"))
                .then()
                .statusCode(200);
        Api.as(tenant.token())
                .when()
                .get(commands(agent) + "/" + id)
                .then()
                .statusCode(200)
                .body("phase", equalTo("Cancelled"));

        // a finished command takes no more reports
        report(agentToken, id, Map.of("phase", "Completed"))
                .then()
                .statusCode(409)
                .contentType(Api.PROBLEM);
    }

    @Test
    void aQueuedCommandIsCancelledAtOnceAndBadCommandsAreRefusedWithProblems() {
        Tenants.SignedUp tenant = Tenants.free("Commands Bravo");
        Agents.Registered agent = Agents.registered(tenant, "bravo-edge");
        String id = Agents.command(tenant, agent.credentials().path("clusterId").asText(), BACKUP);
        Api.as(tenant.token())
                .when()
                .post(commands(agent) + "/" + id + "/cancel")
                .then()
                .statusCode(200)
                .body("phase", equalTo("Cancelled"));
        Api.as(agent.accessToken()).when().get(POLL).then().statusCode(200).body("commands", empty());

        for (String bad : new String[] {
            "{\"kind\":\"BACKUP\"}",
            "{\"kind\":\"RESTORE\",\"backup\":{}}",
            "{\"kind\":\"BACKUP\",\"backup\":{\"includeNamespaces\":[\"../etc\"]}}",
            "{\"kind\":\"RESTORE\",\"restore\":{\"backupId\":\"not-a-uuid\"}}",
            "{\"kind\":\"RESTORE\",\"restore\":{\"backupId\":\"" + id + "\",\"existingResourcePolicy\":\"OVERWRITE\"}}",
            "{\"kind\":\"DELETE_EVERYTHING\"}"
        }) {
            Response r = Api.as(tenant.token()).body(bad).when().post(commands(agent));
            assertThat(r.statusCode()).as(bad + " -> " + r.asString()).isEqualTo(400);
            assertThat(r.contentType()).as(bad).startsWith(Api.PROBLEM);
        }

        // a revoked agent's cluster takes no commands
        Agents.revoke(tenant, agent);
        Api.as(tenant.token())
                .body(BACKUP)
                .when()
                .post(commands(agent))
                .then()
                .statusCode(409)
                .contentType(Api.PROBLEM);
    }
}
