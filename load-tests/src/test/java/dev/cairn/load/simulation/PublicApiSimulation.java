package dev.cairn.load.simulation;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.listFeeder;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.uniformRandomSwitch;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The public API at a sustained rate: tenants' administrators reading (clusters, backups, commands, usage, the
 * tenant) at {@code rate} requests/s (default 500; goal p99 ≤ 50 ms), queueing backup commands at
 * {@code writeRate}/s and new visitors signing up at {@code signupRate}/s, for {@code duration} seconds. With
 * {@code warmup} seconds (default 0), the same reads run that long first, in a group of their own ({@code warm-up})
 * that the goal does not judge: the steady state of services that have compiled their hot paths, as in production
 * after a pod's first minutes.
 */
public class PublicApiSimulation extends Simulation {
    private final double rate = LoadSettings.number("rate", 500);
    private final double writeRate = LoadSettings.number("writeRate", 5);
    private final double signupRate = LoadSettings.number("signupRate", 0.5);
    private final Duration duration = LoadSettings.seconds("duration", 60);
    private final Duration warmup = LoadSettings.seconds("warmup", 0);

    private final HttpProtocolBuilder protocol = http.baseUrl(LoadSettings.FIXTURE.entryPoint())
            .acceptHeader("application/json")
            .shareConnections(); // a portal's and a script's keep-alive connections, not one per request

    private final ScenarioBuilder warmups = reading("warm-up");
    private final ScenarioBuilder reads = reading("reads");

    /** Tenants' administrators reading, in the group {@code name}. */
    private static ScenarioBuilder reading(String name) {
        return scenario(name)
                .feed(listFeeder(LoadSettings.tenantRecords()).circular())
                .exec(group(name)
                        .on(uniformRandomSwitch()
                                .on(
                                        exec(get("clusters", "/api/v1/clusters?limit=20")),
                                        exec(get("backups", "/api/v1/backups?limit=20")),
                                        exec(get("commands", "/api/v1/clusters/#{clusterId}/commands?limit=20")),
                                        exec(get("usage", "/api/v1/usage")),
                                        exec(get("tenant", "/api/v1/tenant")))));
    }

    private final ScenarioBuilder commands = scenario("commands")
            .feed(listFeeder(LoadSettings.tenantRecords()).circular())
            .exec(group("writes")
                    .on(http("queue backup")
                            .post("/api/v1/clusters/#{clusterId}/commands")
                            .header("Authorization", "Bearer #{token}")
                            .header(
                                    "Idempotency-Key",
                                    session -> UUID.randomUUID().toString())
                            .body(StringBody("{\"kind\":\"BACKUP\",\"backup\":{}}"))
                            .asJson()
                            .check(status().is(202))));

    private final ScenarioBuilder signups = scenario("signups")
            .exec(group("writes")
                    .on(http("signup")
                            .post("/api/v1/signup")
                            .body(StringBody(session -> "{\"organisation\":\"Load visitor\",\"email\":\"visitor-"
                                    + UUID.randomUUID() + "@load.cairn.test\",\"password\":\"" + UUID.randomUUID()
                                    + "\",\"homeRegion\":\"eu-west-1\"}"))
                            .asJson()
                            .check(status().is(202))));

    private static io.gatling.javaapi.http.HttpRequestActionBuilder get(String name, String path) {
        return http(name).get(path).header("Authorization", "Bearer #{token}").check(status().is(200));
    }

    {
        List<PopulationBuilder> populations = new ArrayList<>(List.of(
                reads.injectOpen(nothingFor(warmup), constantUsersPerSec(rate).during(duration)),
                commands.injectOpen(
                        nothingFor(warmup), constantUsersPerSec(writeRate).during(duration)),
                signups.injectOpen(
                        nothingFor(warmup), constantUsersPerSec(signupRate).during(duration))));
        if (!warmup.isZero()) {
            populations.add(warmups.injectOpen(constantUsersPerSec(rate).during(warmup)));
        }
        setUp(populations)
                .protocols(protocol)
                .assertions(
                        details("reads").responseTime().percentile(99.0).lte(50),
                        global().failedRequests().percent().lt(1.0));
    }
}
