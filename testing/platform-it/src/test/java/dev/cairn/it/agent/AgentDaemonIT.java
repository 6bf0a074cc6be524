package dev.cairn.it.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.agent.runtime.AgentRuntime;
import dev.cairn.it.support.Agents;
import dev.cairn.it.support.Api;
import dev.cairn.it.support.RunningAgent;
import dev.cairn.it.support.Tenants;
import dev.cairn.it.support.TestPlatform;
import dev.cairn.testing.kubernetes.MockCluster;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The in-cluster agent as the chart runs it ({@code cairn-agent run}): registers with the one-time token, keeps its
 * credentials in a Secret, sends heartbeats, and runs the commands a tenant queues; a restarted agent needs no token.
 */
class AgentDaemonIT {

    @Test
    void registersRunsCommandsAndSurvivesARestartWithoutItsToken() throws Exception {
        Tenants.SignedUp tenant = Tenants.free("Daemon Tenant");
        JsonNode created = Agents.createCluster(tenant, "edge-daemon");
        String clusterId = created.path("cluster").path("id").asText();
        String token = created.path("registration").path("token").asText();
        String api = TestPlatform.get().entryPoint();
        try (MockCluster cluster = MockCluster.realistic().establishCustomResourceDefinitions()) {
            // given the agent started with the one-liner's token
            RunningAgent agent = RunningAgent.start(cluster, token, Files.createTempDirectory("daemon-1"));

            // then it registers, keeps its credentials in its Secret, and its heartbeat shows the cluster's facts
            JsonNode connected = await(
                    () -> cluster(tenant, clusterId),
                    c -> c.path("phase").asText().equals("Connected")
                            && c.path("kubernetesVersion").asText().equals("v1.31.4+k3s1"),
                    agent);
            assertThat(connected.path("agentVersion").asText()).isEqualTo(AgentRuntime.VERSION);
            Secret secret = cluster.client()
                    .secrets()
                    .inNamespace("cairn-system")
                    .withName("cairn-agent-credentials")
                    .get();
            assertThat(secret.getData()).containsKeys("credentials.json", "agent-key.pem");

            // when the tenant asks for a backup of two namespaces
            String backup = Agents.command(
                    tenant,
                    clusterId,
                    "{\"kind\":\"BACKUP\",\"backup\":{\"includeNamespaces\":[\"shop\",\"billing\"]}}");
            JsonNode done = awaitCommand(tenant, clusterId, backup, agent);
            assertThat(done.path("phase").asText()).as(done.toString()).isEqualTo("Completed");
            String backupId = done.path("report").path("id").asText();
            assertThat(done.path("report").path("statistics").path("files").asLong())
                    .isGreaterThan(25);
            assertThat(done.path("progress").path("files").asLong()).isGreaterThan(25);

            // and a restore into a copy of "shop" in the same cluster
            String restore = Agents.command(
                    tenant,
                    clusterId,
                    "{\"kind\":\"RESTORE\",\"restore\":{\"backupId\":\"" + backupId
                            + "\",\"includeNamespaces\":[\"shop\"],\"namespaceMapping\":{\"shop\":\"shop-copy\"}}}");
            JsonNode restored = awaitCommand(tenant, clusterId, restore, agent);
            assertThat(restored.path("phase").asText()).as(restored.toString()).isEqualTo("Completed");
            assertThat(cluster.client()
                            .apps()
                            .deployments()
                            .inNamespace("shop-copy")
                            .withName("web")
                            .get())
                    .isNotNull();
            assertThat(restored.path("report").path("created").asInt()).isGreaterThan(10);

            // a restarted agent (a new pod, its emptyDir gone) needs no token: its credentials come from the Secret
            agent.stop();
            RunningAgent again = RunningAgent.start(cluster, null, Files.createTempDirectory("daemon-2"));
            String preview = Agents.command(
                    tenant,
                    clusterId,
                    "{\"kind\":\"RESTORE\",\"restore\":{\"backupId\":\"" + backupId
                            + "\",\"includeNamespaces\":[\"shop\"],\"namespaceMapping\":{\"shop\":\"shop-copy\"},"
                            + "\"preview\":true}}");
            JsonNode previewed = awaitCommand(tenant, clusterId, preview, again);
            assertThat(previewed.path("phase").asText())
                    .as(previewed.toString())
                    .isEqualTo("Completed");
            assertThat(previewed.path("report").path("preview").asBoolean()).isTrue();
            assertThat(previewed.path("report").path("created").asInt()).isZero();
            again.stop();
        }
    }

    @Test
    void aCommandCancelledAfterItWasHandedOutButBeforeItStartedDoesNothing() throws Exception {
        Tenants.SignedUp tenant = Tenants.free("Daemon Cancel");
        JsonNode created = Agents.createCluster(tenant, "edge-cancel");
        String clusterId = created.path("cluster").path("id").asText();
        String api = TestPlatform.get().entryPoint();
        try (MockCluster cluster = MockCluster.realistic()) {
            // given a registered agent that is not running
            Path home = Files.createTempDirectory("daemon-cancel");
            RunningAgent first = RunningAgent.start(
                    cluster, created.path("registration").path("token").asText(), home);
            await(
                    () -> cluster(tenant, clusterId),
                    c -> c.path("phase").asText().equals("Connected"),
                    first);
            first.stop();
            // the stopped agent's last long-poll may still be waiting on the server (an interrupted HttpClient.send
            // does not close its connection): let it run out (25 s) so that it cannot take the command below
            Thread.sleep(26_000);

            // a command handed out (as to an agent that then died) and cancelled before it started
            String id = Agents.command(tenant, clusterId, "{\"kind\":\"BACKUP\",\"backup\":{}}");
            // the agent's own client, with the credentials the first agent kept
            var taken = new dev.cairn.agent.platform.PlatformClient(
                            dev.cairn.agent.credentials.AgentCredentials.load(home), api, Duration.ofSeconds(30))
                    .commands(0);
            assertThat(taken.commands().get(0).id()).hasToString(id);
            Api.as(tenant.token())
                    .when()
                    .post("/api/v1/clusters/" + clusterId + "/commands/" + id + "/cancel")
                    .then()
                    .statusCode(200);

            // when the agent comes back, the command is handed out again after its lease, and the agent cancels it
            RunningAgent again = RunningAgent.start(cluster, null, Files.createTempDirectory("daemon-cancel-2"));
            JsonNode done = awaitCommand(tenant, clusterId, id, again);
            assertThat(done.path("phase").asText()).as(done.toString()).isEqualTo("Cancelled");
            assertThat(done.path("message").asText()).isEqualTo("cancelled before it started");
            assertThat(done.path("report").isNull() || done.path("report").isMissingNode())
                    .isTrue();
            again.stop();
        }
    }

    private static JsonNode cluster(Tenants.SignedUp tenant, String clusterId) {
        return Api.json(Api.as(tenant.token()).when().get("/api/v1/clusters/" + clusterId));
    }

    private static JsonNode awaitCommand(Tenants.SignedUp tenant, String clusterId, String id, RunningAgent agent) {
        return await(
                () -> Api.json(Api.as(tenant.token()).when().get("/api/v1/clusters/" + clusterId + "/commands/" + id)),
                c -> Set.of("Completed", "PartiallyFailed", "Failed", "Cancelled")
                        .contains(c.path("phase").asText()),
                agent);
    }

    private static JsonNode await(Supplier<JsonNode> read, Predicate<JsonNode> done, RunningAgent agent) {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            last = read.get();
            if (done.test(last)) {
                return last;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("timed out; last " + last + "\nagent log:\n" + agent.text());
    }
}
