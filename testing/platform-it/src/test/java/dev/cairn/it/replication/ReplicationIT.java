package dev.cairn.it.replication;

import static dev.cairn.it.support.Catalog.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.it.support.Agents;
import dev.cairn.it.support.Api;
import dev.cairn.it.support.Collection;
import dev.cairn.it.support.DisruptsThePlatform;
import dev.cairn.it.support.LocalAgent;
import dev.cairn.it.support.Metering;
import dev.cairn.it.support.Regions;
import dev.cairn.it.support.Tenants;
import dev.cairn.it.support.TestPlatform;
import dev.cairn.testing.platform.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Every object a tenant writes is copied to its DR region and checked there, deletions follow, the lag shows an
 * outage of the DR region and replication catches up after it, and no object is ever outside its tenant's regions.
 */
@DisruptsThePlatform
class ReplicationIT {
    private static final String HOME = "eu-west-1";
    private static final String DR = "us-east-1";

    @TempDir
    Path tmp;

    @Test
    void everyObjectIsCopiedToTheDrRegionCheckedCountedAndDeletedAfterItsHomeCopy() throws Exception {
        // given a tenant at home in eu-west-1 with its DR region us-east-1, and a backup
        Tenants.SignedUp tenant = Tenants.free("Replicated Co");
        UUID t = tenant.id();
        LocalAgent agent = new LocalAgent(Agents.registered(tenant, "replicated"), tmp.resolve("agent"));
        Path src = Files.createDirectories(tmp.resolve("src"));
        Files.write(src.resolve("a.bin"), random(3 << 20, 1));
        Files.write(src.resolve("b.txt"), "a small file".getBytes());
        String backup = Collection.completed(agent.backup(src));

        // then the DR region catches up: nothing behind, every object there with its size
        JsonNode status = awaitCaughtUp(tenant);
        assertThat(status.path("homeRegion").asText()).isEqualTo(HOME);
        assertThat(status.path("drRegion").asText()).isEqualTo(DR);
        assertThat(status.path("lagSeconds").asDouble()).isZero();
        assertThat(status.path("lastCopiedAt").isTextual()).isTrue();
        Map<String, Long> home = objects(HOME, t);
        assertThat(home).isNotEmpty().containsKey("tenants/" + t + "/backups/" + backup + ".manifest");
        assertThat(objects(DR, t)).isEqualTo(home);
        // and the catalog knows where each object is durable; the backup says it is protected in the DR region
        assertThat(query("SELECT count(*) FROM ingest.object_copy WHERE tenant_id = ? AND region = '" + DR + "'", t))
                .isEqualTo(home.size());
        JsonNode protection = Api.json(Api.as(tenant.token()).when().get("/api/v1/backups/" + backup + "/replication"));
        assertThat(protection.path("drRegion").asText()).isEqualTo(DR);
        assertThat(protection.path("protectedInDr").asBoolean()).isTrue();
        // and metering counts the replicated bytes once: the sum of the copies
        long copied = home.values().stream().mapToLong(Long::longValue).sum();
        assertThat(query("SELECT sum(bytes) FROM ingest.usage_event WHERE tenant_id = ? AND kind = 'REPLICATED'", t))
                .isEqualTo(copied);
        Metering.awaitCaughtUp(t);
        assertThat(query("SELECT sum(replicated_bytes) FROM metering.usage_hour WHERE tenant_id = ?", t))
                .isEqualTo(copied);

        // when the backup is deleted and garbage collection gives its packs back
        Collection.delete(tenant, backup);
        // then its copies in the DR region follow its home objects: nothing of the tenant is left in either
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> {
                    Collection.collect(t, false);
                    assertThat(objects(HOME, t)).isEmpty();
                    assertThat(objects(DR, t)).isEmpty();
                });
        assertThat(query("SELECT count(*) FROM ingest.object_copy WHERE tenant_id = ?", t))
                .isZero();
        assertThat(awaitCaughtUp(tenant).path("bytesBehind").asLong()).isZero();
    }

    @Test
    void anOutageOfTheDrRegionShowsAsLagAndReplicationCatchesUpWhenItReturns() throws Exception {
        // given a tenant whose DR region's object storage stops
        Tenants.SignedUp tenant = Tenants.free("Outage Co");
        UUID t = tenant.id();
        LocalAgent agent = new LocalAgent(Agents.registered(tenant, "outage"), tmp.resolve("agent"));
        Path src = Files.createDirectories(tmp.resolve("src"));
        Files.write(src.resolve("c.bin"), random(2 << 20, 2));
        String backup;
        Regions.stop(DR);
        try {
            // when it backs up: the backup completes at home
            backup = Collection.completed(agent.backup(src));
            // then the lag shows the outage: objects and bytes behind, growing seconds, the reason
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> {
                        JsonNode s = status(tenant);
                        assertThat(s.path("objectsBehind").asLong()).isPositive();
                        assertThat(s.path("bytesBehind").asLong()).isGreaterThan(2 << 20);
                        assertThat(s.path("lagSeconds").asDouble()).isGreaterThan(2);
                        assertThat(s.path("lastError").asText()).contains(DR);
                    });
            assertThat(Api.json(Api.as(tenant.token()).when().get("/api/v1/backups/" + backup + "/replication"))
                            .path("protectedInDr")
                            .asBoolean())
                    .isFalse();
        } finally {
            Regions.restore(DR);
        }
        // when the region returns, replication catches up by itself: every object there, checked
        awaitCaughtUp(tenant);
        assertThat(objects(DR, t)).isEqualTo(objects(HOME, t)).isNotEmpty();
        assertThat(Api.json(Api.as(tenant.token()).when().get("/api/v1/backups/" + backup + "/replication"))
                        .path("protectedInDr")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void aReplicatedBackupRestoresFromTheDrRegionWhileItsHomeRegionIsDown() throws Exception {
        // given a tenant's backup, copied to its DR region
        Tenants.SignedUp tenant = Tenants.free("Region Down Co");
        LocalAgent agent = new LocalAgent(Agents.registered(tenant, "survivor"), tmp.resolve("agent"));
        Path src = Files.createDirectories(tmp.resolve("src"));
        byte[] data = random(3 << 20, 4);
        Files.write(src.resolve("e.bin"), data);
        Files.writeString(src.resolve("f.txt"), "what a lost region must not take");
        String backup = Collection.completed(agent.backup(src));
        awaitCaughtUp(tenant);

        // when its home region's object storage is lost
        Regions.stop(HOME);
        try {
            // then the backup restores byte for byte, from the DR region
            Path restored = tmp.resolve("restored");
            LocalAgent.Run run = agent.restore(backup, restored);
            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(Files.readAllBytes(restored.resolve("e.bin"))).isEqualTo(data);
            assertThat(Files.readString(restored.resolve("f.txt"))).isEqualTo("what a lost region must not take");
            assertThat(query(
                            "SELECT coalesce(sum(bytes), 0) FROM ingest.usage_event WHERE tenant_id = ?"
                                    + " AND kind = 'RESTORED' AND region = '" + DR + "'",
                            tenant.id()))
                    .isGreaterThanOrEqualTo(data.length);
        } finally {
            Regions.restore(HOME);
        }
    }

    @Test
    void noObjectOfAnyTenantIsOutsideItsHomeAndDrRegions() throws Exception {
        // given a tenant without a DR region that backed up, beside every tenant of the other tests
        Tenants.SignedUp local = Tenants.free("Stay Home Co");
        Api.as(local.token())
                .body(Map.of("drRegion", ""))
                .when()
                .patch("/api/v1/tenant")
                .then()
                .statusCode(200);
        LocalAgent agent = new LocalAgent(Agents.registered(local, "stays"), tmp.resolve("agent"));
        Path src = Files.createDirectories(tmp.resolve("src"));
        Files.write(src.resolve("d.bin"), random(1 << 20, 3));
        Collection.completed(agent.backup(src));
        awaitCaughtUp(local);
        assertThat(objects(HOME, local.id())).isNotEmpty();
        assertThat(objects(DR, local.id())).isEmpty();

        // then in every bucket of every region, every tenant's object is in one of that tenant's regions
        Map<UUID, Set<String>> allowed = new HashMap<>();
        try (Connection c = TestPlatform.get().postgres().connect(Platform.DATABASE);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id, home_region, dr_region FROM tenant.tenant")) {
            while (rs.next()) {
                allowed.put(
                        rs.getObject(1, UUID.class),
                        rs.getString(3) == null ? Set.of(rs.getString(2)) : Set.of(rs.getString(2), rs.getString(3)));
            }
        }
        int checked = 0;
        for (String region : TestPlatform.get().objectStores().keySet()) {
            try (S3Client s3 = TestPlatform.get().objectStores().get(region).client()) {
                for (S3Object o : s3.listObjectsV2Paginator(
                                b -> b.bucket(Platform.bucket(region)).prefix("tenants/"))
                        .contents()) {
                    UUID owner = UUID.fromString(o.key().split("/")[1]);
                    assertThat(allowed.getOrDefault(owner, Set.of()))
                            .as(o.key() + " in " + region)
                            .contains(region);
                    checked++;
                }
            }
        }
        assertThat(checked).isPositive();
    }

    private static JsonNode status(Tenants.SignedUp tenant) {
        return Api.json(Api.as(tenant.token()).when().get("/api/v1/replication"));
    }

    /** Waits until nothing of the tenant is behind in its DR region; the status then. */
    private static JsonNode awaitCaughtUp(Tenants.SignedUp tenant) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> (last[0] = status(tenant)).path("objectsBehind").asLong() == 0);
        return last[0];
    }

    /** The tenant's objects in a region's bucket: key and size. */
    private static Map<String, Long> objects(String region, UUID tenant) {
        Map<String, Long> objects = new TreeMap<>();
        try (S3Client s3 = TestPlatform.get().objectStores().get(region).client()) {
            s3.listObjectsV2Paginator(b -> b.bucket(Platform.bucket(region)).prefix("tenants/" + tenant + "/"))
                    .contents()
                    .forEach(o -> objects.put(o.key(), o.size()));
        }
        return objects;
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
