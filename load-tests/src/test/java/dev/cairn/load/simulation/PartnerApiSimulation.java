package dev.cairn.load.simulation;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.listFeeder;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.uniformRandomSwitch;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import dev.cairn.load.fixture.Fixture;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;
import java.util.Map;

/**
 * The partner API as an MSP's billing system calls it: its customers, one customer's daily usage as JSON and as
 * CSV, its statements as CSV, at {@code rate} requests/s (default 15: the partner rate limit is 20/s) for
 * {@code duration} seconds.
 */
public class PartnerApiSimulation extends Simulation {
    private final double rate = LoadSettings.number("rate", 15);
    private final Duration duration = LoadSettings.seconds("duration", 60);
    private final Fixture.Partner partner = LoadSettings.FIXTURE.partner();
    private final String token =
            LoadSettings.API.clientToken(LoadSettings.FIXTURE.tokenUrl(), partner.clientId(), partner.clientSecret());

    private final HttpProtocolBuilder protocol = http.baseUrl(LoadSettings.FIXTURE.entryPoint())
            .header("Authorization", "Bearer " + token)
            .shareConnections();

    private final ScenarioBuilder billing = scenario("partner billing")
            .feed(listFeeder(partner.customers().stream()
                            .map(id -> Map.<String, Object>of("customer", id))
                            .toList())
                    .circular())
            .exec(group("partner")
                    .on(uniformRandomSwitch()
                            .on(
                                    exec(http("customers")
                                            .get("/api/v1/partner/tenants?limit=50")
                                            .header("Accept", "application/json")
                                            .check(status().is(200))),
                                    exec(http("usage json")
                                            .get("/api/v1/partner/usage/#{customer}?granularity=day")
                                            .header("Accept", "application/json")
                                            .check(status().is(200))),
                                    exec(http("usage csv")
                                            .get("/api/v1/partner/usage/#{customer}?granularity=hour")
                                            .header("Accept", "text/csv")
                                            .check(status().is(200))),
                                    exec(http("statements csv")
                                            .get("/api/v1/partner/statements")
                                            .header("Accept", "text/csv")
                                            .check(status().is(200))))));

    {
        setUp(billing.injectOpen(constantUsersPerSec(rate).during(duration)))
                .protocols(protocol)
                .assertions(
                        details("partner").responseTime().percentile(99.0).lte(100),
                        global().failedRequests().percent().lt(1.0));
    }
}
