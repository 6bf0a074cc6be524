package dev.cairn.it.metering;

import static dev.cairn.it.support.Catalog.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.data.chunk.ChunkSealer;
import dev.cairn.data.chunk.SealedChunk;
import dev.cairn.it.support.AgentRecords;
import dev.cairn.it.support.Agents;
import dev.cairn.it.support.Api;
import dev.cairn.it.support.Collection;
import dev.cairn.it.support.LocalAgent;
import dev.cairn.it.support.Metering;
import dev.cairn.it.support.Tenants;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plans are data and quotas hold: a tenant on a small test plan that reaches its limit has its backup in progress end
 * Failed with the reason and new backups refused with {@code quota-exceeded}, still restores, and backs up again once
 * deletion and garbage collection bring it back under. Concurrent backups overshoot the limit by at most a pack.
 */
class QuotaIT {
    private static final long MIB = 1 << 20;

    @TempDir
    Path tmp;

    @Test
    void aTenantAtItsQuotaIsRefusedStillRestoresAndBacksUpAgainAfterDeletingAndCollecting() throws Exception {
        // given a tenant on a test plan of 4 MiB, with a 3 MiB backup (75 %: under the warning)
        String plan = Metering.plan("TEST-4MIB-" + UUID.randomUUID().toString().substring(0, 8), 4 * MIB, "12.5", "3");
        Tenants.SignedUp tenant = Tenants.free("Quota Co");
        UUID t = tenant.id();
        JsonNode onPlan = Metering.putOnPlan(t, plan);
        assertThat(onPlan.path("limitBytes").asLong()).isEqualTo(4 * MIB);
        Agents.Registered registered = Agents.registered(tenant, "quota");
        LocalAgent agent = new LocalAgent(registered, tmp.resolve("agent"));
        Path src = Files.createDirectories(tmp.resolve("src"));
        byte[] first = random(3 * MIB, 1);
        Files.write(src.resolve("first.bin"), first);
        Thread.sleep(1500); // the quota caches of ingest and metering live 1 s in the tests
        String kept = Collection.completed(agent.backup(src));

        // when a backup starts (under the limit), and another one's pack takes the tenant over it meanwhile
        String token = registered.accessToken();
        String pending = Api.as(token)
                .body(Map.of("source", "local:/pending"))
                .when()
                .post("/api/v1/backups")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        Files.write(src.resolve("second.bin"), random(2 * MIB, 2));
        String crossing = Collection.completed(agent.backup(src));
        assertThat(Collection.stored(t)).isGreaterThanOrEqualTo(4 * MIB);

        // and the first backup's chunks arrive after that
        ChunkSealer sealer = AgentRecords.sealer(registered, t);
        byte[] late = random(256 * 1024, 3);
        SealedChunk chunk = sealer.seal(late, 0, late.length);
        byte[] mac = registered.unwrap(registered.credentials().path("macKey").asText());
        UUID cluster =
                UUID.fromString(registered.credentials().path("clusterId").asText());
        Api.as(token)
                .when()
                .post("/api/v1/backups/" + pending + "/lease")
                .then()
                .statusCode(200);
        try (var producer = AgentRecords.producer(registered.credentials().path("kafka"))) {
            AgentRecords.send(producer, t, cluster, UUID.fromString(pending), chunk, mac);
        }

        // then that backup ends Failed with the reason, and its pack is not counted
        long storedAtLimit = Collection.stored(t);
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> Api.json(Api.as(tenant.token()).when().get("/api/v1/backups/" + pending))
                        .path("phase")
                        .asText()
                        .equals("Failed"));
        JsonNode failed = Api.json(Api.as(tenant.token()).when().get("/api/v1/backups/" + pending));
        assertThat(failed.path("failure").asText()).startsWith("quota-exceeded").contains(plan);
        assertThat(Collection.stored(t)).isEqualTo(storedAtLimit).isEqualTo(Collection.bucketPackBytes(t));
        // and metering hears of the failure, for the tenant's partner (backup.failed), once
        await().atMost(Duration.ofSeconds(30))
                .until(() -> query(
                                "SELECT count(*) FROM metering.notification WHERE tenant_id = ? AND type = 'backup.failed'"
                                        + " AND data LIKE '%quota-exceeded%'",
                                t)
                        == 1);

        // and a new backup is refused with the problem, which names usage, limit and plan
        Api.as(token)
                .body(Map.of("source", "local:/refused"))
                .when()
                .post("/api/v1/backups")
                .then()
                .statusCode(403)
                .contentType(Api.PROBLEM)
                .body("type", equalTo("https://cairn.dev/problems/quota-exceeded"))
                .body("limit", equalTo((int) (4 * MIB)))
                .body("plan", equalTo(plan));
        LocalAgent.Run refused = agent.backup(src);
        assertThat(refused.exit()).isNotZero();
        assertThat(refused.err() + refused.out()).contains("Quota exceeded");

        // and metering shows the tenant over its quota, with a notice of it
        Metering.awaitCaughtUp(t);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> Metering.current(tenant).path("level").asText().equals("Exceeded"));
        assertThat(query("SELECT count(*) FROM metering.quota_notice WHERE tenant_id = ? AND level = 'Exceeded'", t))
                .isEqualTo(1);

        // but restores still work, byte for byte
        Path restored = tmp.resolve("restored");
        assertThat(agent.restore(kept, restored).exit()).isZero();
        assertThat(Files.readAllBytes(restored.resolve("first.bin"))).isEqualTo(first);

        // when both backups are deleted and garbage collection runs, the tenant is back under its limit
        Collection.delete(tenant, kept);
        Collection.delete(tenant, crossing);
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    Collection.collect(t, false);
                    return Collection.stored(t) < 4 * MIB;
                });

        // then it backs up again
        Files.delete(src.resolve("second.bin"));
        Collection.completed(agent.backup(src));
        Metering.awaitCaughtUp(t);
        assertThat(Metering.stored(t)).isEqualTo(Collection.stored(t));
    }

    @Test
    void concurrentBackupsOvershootTheLimitByAtMostOnePackAndCountNothingHalfway() throws Exception {
        // given a tenant on a 2 MiB plan with two clusters
        String plan = Metering.plan("TEST-2MIB-" + UUID.randomUUID().toString().substring(0, 8), 2 * MIB, "10", "0");
        Tenants.SignedUp tenant = Tenants.free("Race Co");
        UUID t = tenant.id();
        Metering.putOnPlan(t, plan);
        LocalAgent one = new LocalAgent(Agents.registered(tenant, "one"), tmp.resolve("one"));
        LocalAgent two = new LocalAgent(Agents.registered(tenant, "two"), tmp.resolve("two"));
        Path a = Files.createDirectories(tmp.resolve("a"));
        Path b = Files.createDirectories(tmp.resolve("b"));
        // 50 MiB in all: more than the limit plus the largest pack ingest writes (32 MiB and a chunk), so some must
        // be refused
        for (int i = 0; i < 5; i++) {
            Files.write(a.resolve("a" + i + ".bin"), random(5 * MIB, 10 + i));
            Files.write(b.resolve("b" + i + ".bin"), random(5 * MIB, 20 + i));
        }
        Thread.sleep(1500); // the quota caches live 1 s in the tests

        // when both back up 25 MiB at once
        CompletableFuture<LocalAgent.Run> first = CompletableFuture.supplyAsync(() -> one.backup(a));
        CompletableFuture<LocalAgent.Run> second = CompletableFuture.supplyAsync(() -> two.backup(b));
        LocalAgent.Run ranOne = first.get(180, TimeUnit.SECONDS);
        LocalAgent.Run ranTwo = second.get(180, TimeUnit.SECONDS);
        assertThat(ranOne.exit() != 0 || ranTwo.exit() != 0)
                .as(ranOne + "\n" + ranTwo)
                .isTrue();

        // then, once ingest has taken what the topic holds (agents upload their large packs before announcing them:
        // until the announcement is read, the bucket holds a pack the catalog does not have yet, ADR 0025), what the
        // tenant stores passes its limit by less than its largest pack, and is what its bucket holds
        await().atMost(Duration.ofSeconds(60)).until(dev.cairn.it.support.Catalog::ingestCaughtUp);
        long stored = Collection.stored(t);
        long largestPack = query("SELECT coalesce(max(size_bytes), 0) FROM ingest.pack WHERE tenant_id = ?", t);
        assertThat(stored).isGreaterThanOrEqualTo(2 * MIB).isLessThan(2 * MIB + largestPack);
        assertThat(stored).isEqualTo(Collection.bucketPackBytes(t));
        assertThat(query(
                        "SELECT count(*) FROM ingest.backup WHERE tenant_id = ? AND phase = 'Failed'"
                                + " AND failure LIKE 'quota-exceeded%'",
                        t))
                .as("backups ended by the quota")
                .isPositive();
        Metering.awaitCaughtUp(t);
        assertThat(Metering.stored(t)).isEqualTo(stored);
    }

    private static byte[] random(long size, long seed) {
        byte[] bytes = new byte[(int) size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
