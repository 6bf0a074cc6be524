package dev.cairn.load.simulation;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.listFeeder;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.tryMax;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import dev.cairn.load.measure.MetricSampler;
import dev.cairn.load.measure.ProcessSampler;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;
import java.util.Map;

/**
 * The agent control plane: {@code agents} simulated agents (default: the fixture's) connect over
 * {@code ramp} seconds and then, for {@code duration} seconds, do what an idle in-cluster agent does: hold a
 * long-poll for commands ({@code wait=25}, as the agent's daemon), send a heartbeat every minute, and fetch a new
 * token when theirs is four minutes old. Each agent has its own connection, as real agents do. While it runs, the
 * tenant service's resident memory and threads are sampled (goal: 10,000 idle long-polls without running out of
 * either). With {@code -Ddirect=true} the agents call the tenant service itself, as they do through a production
 * ingress, instead of the local gateway (which holds two sockets per poll: 10,000 agents need more open files than
 * this machine allows a process).
 */
public class AgentControlPlaneSimulation extends Simulation {
    private static final long HEARTBEAT_MILLIS = 60_000;
    private static final long TOKEN_MILLIS = 240_000;

    private final int agents =
            (int) LoadSettings.number("agents", LoadSettings.FIXTURE.agents().size());
    private final Duration ramp = LoadSettings.seconds("ramp", 60);
    private final Duration duration = LoadSettings.seconds("duration", 180);
    private final ProcessSampler tenantService = new ProcessSampler(LoadSettings.PLATFORM.pid("tenant-service"));
    private final ProcessSampler gateway = new ProcessSampler(LoadSettings.PLATFORM.pid("gateway"));
    private final MetricSampler tenantHeap = new MetricSampler(
            "http://127.0.0.1:" + LoadSettings.PLATFORM.port("tenant-service-management") + "/q/metrics",
            "jvm_memory_used_bytes",
            "area=\"heap\"");
    /** What survived the tenant service's last full collection: the heap the held polls need, garbage aside. */
    private final MetricSampler tenantLive = new MetricSampler(
            "http://127.0.0.1:" + LoadSettings.PLATFORM.port("tenant-service-management") + "/q/metrics",
            "jvm_gc_live_data_size_bytes");

    private final HttpProtocolBuilder protocol = http.baseUrl(
                    Boolean.getBoolean("direct")
                            ? "http://127.0.0.1:" + LoadSettings.PLATFORM.port("tenant-service")
                            : LoadSettings.FIXTURE.entryPoint())
            .acceptHeader("application/json");

    // an agent keeps no connection to Keycloak between its tokens (10,000 agents would hold 20,000 sockets, this
    // machine's limit of open files); a token it cannot get after three tries ends it, rather than polling
    // without one in a loop
    private final ChainBuilder token = tryMax(3)
            .on(exec(http("token")
                    .post(LoadSettings.FIXTURE.tokenUrl())
                    .header("Connection", "close")
                    .formParam("grant_type", "client_credentials")
                    .formParam("client_id", "#{clientId}")
                    .formParam("client_secret", "#{clientSecret}")
                    .check(status().is(200), jsonPath("$.access_token").saveAs("token"))))
            .exitHereIfFailed()
            .exec(session -> session.set("tokenAt", System.currentTimeMillis()));

    private final ChainBuilder heartbeat = exec(http("heartbeat")
                    .post("/api/v1/agent/heartbeat")
                    .header("Authorization", "Bearer #{token}")
                    .body(StringBody("{\"agentVersion\":\"load-test\",\"kubernetesVersion\":\"none (simulated)\","
                            + "\"nodeCount\":1,\"namespaceCount\":0}"))
                    .asJson()
                    .check(status().is(200)))
            .exec(session -> session.set("heartbeatAt", System.currentTimeMillis()));

    private final ScenarioBuilder idleAgents = scenario("idle agents")
            .feed(listFeeder(LoadSettings.FIXTURE.agents().stream()
                            .limit(agents)
                            .map(a ->
                                    Map.<String, Object>of("clientId", a.clientId(), "clientSecret", a.clientSecret()))
                            .toList())
                    .queue())
            .exec(token)
            .exec(heartbeat)
            .exec(during(duration)
                    .on(exec(http("poll")
                                    .get("/api/v1/agent/commands?wait=25")
                                    .header("Authorization", "Bearer #{token}")
                                    .requestTimeout(Duration.ofSeconds(60))
                                    .check(status().is(200)))
                            .doIf(session ->
                                    System.currentTimeMillis() - session.getLong("heartbeatAt") >= HEARTBEAT_MILLIS)
                            .then(heartbeat)
                            .doIf(session -> System.currentTimeMillis() - session.getLong("tokenAt") >= TOKEN_MILLIS)
                            .then(token)));

    {
        setUp(idleAgents.injectOpen(rampUsers(agents).during(ramp)))
                .protocols(protocol)
                .assertions(global().failedRequests().percent().lt(0.1));
    }

    @Override
    public void after() {
        System.out.printf(
                "%d simulated agents; tenant service: %s, heap in use at most %.0f MiB, live after a full collection"
                        + " at most %.0f MiB; gateway: %s%n",
                agents,
                tenantService.summary(),
                tenantHeap.max() / (1 << 20),
                tenantLive.max() / (1 << 20),
                gateway.summary());
        tenantService.close();
        tenantHeap.close();
        tenantLive.close();
        gateway.close();
    }
}
