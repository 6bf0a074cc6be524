package dev.cairn.it.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.it.support.Agents;
import dev.cairn.it.support.Api;
import dev.cairn.it.support.DisruptsThePlatform;
import dev.cairn.it.support.Policies;
import dev.cairn.it.support.Tenants;
import dev.cairn.it.support.TestPlatform;
import dev.cairn.testing.platform.ServiceProcess;
import io.restassured.RestAssured;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two scheduler instances share the policies' triggers (Quartz clustered in PostgreSQL); the one that takes a fire is
 * killed with SIGKILL in the middle of it, after queueing its command: the other recovers the fire, and every planned
 * fire ends with exactly one run and one command.
 */
@DisruptsThePlatform
class SchedulerFailoverIT {
    @Test
    void withTwoInstancesAndTheFiringOneKilledMidFireEachFireHappensExactlyOnce() throws Exception {
        ServiceProcess first = TestPlatform.get().services().get("scheduler");
        ServiceProcess second = TestPlatform.get().startAnother("scheduler");
        Tenants.SignedUp tenant = Tenants.free("Failover Co");
        String clusterId = Agents.createCluster(tenant, "failover")
                .path("cluster")
                .path("id")
                .asText();
        Path faults = Files.createDirectories(TestPlatform.faultDir());
        Files.deleteIfExists(faults.resolve("halted"));
        Files.deleteIfExists(faults.resolve("halted-pid"));
        Files.writeString(faults.resolve("halt-at"), "AFTER_QUEUE");
        ServiceProcess killed = null;
        String policy = null;
        try {
            // given a policy firing at every minute, the instance that takes its first fire halts after queueing
            // the run's command, and is killed there
            policy = Policies.everyMinute(tenant, clusterId, "failover");
            await().atMost(Duration.ofSeconds(90)).until(() -> Files.exists(faults.resolve("halted")));
            Files.delete(faults.resolve("halt-at"));
            long pid = Long.parseLong(
                    Files.readString(faults.resolve("halted-pid")).trim());
            killed = first.runs(pid) ? first : second;
            assertThat(killed.runs(pid))
                    .as("the halted JVM is one of the two schedulers")
                    .isTrue();
            killed.kill();
            ServiceProcess survivor = killed == first ? second : first;

            // when the other instance recovers that fire and goes on alone for another minute
            String p = policy;
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofSeconds(2))
                    .until(() -> runs(survivor, tenant, p).stream()
                                    .filter(r -> r.hasNonNull("commandId"))
                                    .count()
                            >= 2);

            // then each planned minute has one run, each run one command of its own, and the cluster has exactly
            // those commands of the policy: the fire cut short was not lost, and not doubled (read together until
            // no fire is half-way between queueing its command and linking its run to it)
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                List<JsonNode> runs = runs(survivor, tenant, p);
                assertThat(runs.stream().map(r -> r.path("plannedAt").asText())).doesNotHaveDuplicates();
                List<String> runCommands = runs.stream()
                        .filter(r -> r.hasNonNull("commandId"))
                        .map(r -> r.path("commandId").asText())
                        .toList();
                assertThat(runCommands).doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(2);
                List<String> policyCommands = new ArrayList<>();
                Api.json(Api.as(tenant.token()).when().get("/api/v1/clusters/" + clusterId + "/commands?limit=100"))
                        .path("items")
                        .forEach(c -> {
                            if (c.path("policyId").asText("").equals(p)) {
                                policyCommands.add(c.path("id").asText());
                            }
                        });
                assertThat(policyCommands).containsExactlyInAnyOrderElementsOf(runCommands);
            });
        } finally {
            Files.deleteIfExists(faults.resolve("halt-at"));
            // the rest of the suite runs with one scheduler, the platform's own
            if (killed == first) {
                first.restart(Duration.ofSeconds(120));
            }
            second.close();
            if (policy != null) {
                Api.as(tenant.token()).when().delete("/api/v1/policies/" + policy);
            }
        }
    }

    /** The policy's runs, read from one instance directly (the gateway knows only the platform's own). */
    private static List<JsonNode> runs(ServiceProcess scheduler, Tenants.SignedUp tenant, String policy) {
        List<JsonNode> runs = new ArrayList<>();
        Api.json(RestAssured.given()
                        .baseUri(scheduler.url())
                        .auth()
                        .oauth2(tenant.token())
                        .get("/api/v1/policies/" + policy + "/runs"))
                .path("items")
                .forEach(runs::add);
        return runs;
    }
}
