package dev.cairn.it.gc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.it.support.Api;
import dev.cairn.it.support.Catalog;
import dev.cairn.it.support.Collection;
import dev.cairn.it.support.DisruptsThePlatform;
import dev.cairn.it.support.LocalAgent;
import dev.cairn.it.support.Operators;
import dev.cairn.it.support.Tenants;
import dev.cairn.it.support.TestPlatform;
import dev.cairn.testing.platform.Platform;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Garbage collection gives back the space of deleted backups (the tenant's stored bytes and the bucket), and never
 * takes a chunk an agent was told the platform has while its backup is in progress.
 */
@DisruptsThePlatform
class GarbageCollectionIT {
    @TempDir
    Path tmp;

    @Test
    void collectingAfterADeletionGivesTheSpaceBackButNeverTakesWhatABackupInProgressWasPromised() throws Exception {
        // given a tenant's folder of a kept file, a doomed 4 MiB file and a note, backed up together (one pack),
        // a second backup without the doomed file, then the first one deleted
        Collection.Scene scene = Collection.Scene.deletedBackupSharingAPack(tmp, "Collect Co");
        Tenants.SignedUp tenant = scene.tenant();
        UUID t = tenant.id();
        LocalAgent agent = scene.agent();
        Path src = scene.src();
        byte[] kept = scene.kept();
        byte[] doomed = scene.doomed();
        String keptOnly = scene.keptBackup();

        // when the doomed file's chunks are past the safety window, a dry run says they would be swept
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> Collection.collect(t, true).getLong("tenants[0].sweptBytes") >= doomed.length);

        // the race: a backup of the folder with the doomed file back is told its chunks are present, and stops
        // just before its manifest commits; a real collection runs after its promise is past the safety window
        Files.write(src.resolve("doomed.bin"), doomed);
        Path faults = TestPlatform.faultDir();
        Files.createDirectories(faults);
        Files.deleteIfExists(faults.resolve("held"));
        Files.writeString(faults.resolve("hold-at"), "MANIFEST_BEFORE_COMMIT");
        CompletableFuture<LocalAgent.Run> racing = CompletableFuture.supplyAsync(() -> agent.backup(src));
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(faults.resolve("held")));
            // the promise is a stamp on the packs that hold what it answered present, not a row per chunk (ADR 0024)
            assertThat(Catalog.query(
                            "SELECT count(*) FROM ingest.pack WHERE tenant_id = ? AND promised_at IS NOT NULL", t))
                    .isPositive();
            assertThat(Catalog.query(
                            "SELECT count(*) FROM ingest.chunk WHERE tenant_id = ? AND promised_at IS NOT NULL", t))
                    .isZero();
            // time itself is the point here: the promise must be older than the window, so that only the backup in
            // progress protects what it was promised
            Thread.sleep(TestPlatform.GC_WINDOW.plusSeconds(1).toMillis());
            JsonPath during = Collection.collect(t, false);
            assertThat(during.getLong("tenants[0].sweptBytes"))
                    .as("bytes swept while the backup was in progress")
                    .isLessThan(doomed.length / 10);
        } finally {
            Files.deleteIfExists(faults.resolve("hold-at"));
        }
        String racer = Collection.completed(racing.get(120, TimeUnit.SECONDS));
        Path restored = tmp.resolve("restored-racer");
        assertThat(agent.restore(racer, restored).exit()).isZero();
        assertThat(Files.readAllBytes(restored.resolve("doomed.bin"))).isEqualTo(doomed);
        assertThat(Files.readAllBytes(restored.resolve("kept.bin"))).isEqualTo(kept);

        // when that backup is deleted too, and collections run until the doomed chunks are swept
        long storedBefore = Collection.stored(t);
        long bucketBefore = Collection.bucketPackBytes(t);
        Collection.delete(tenant, racer);
        long[] given = new long[2]; // reclaimed bytes, packs rewritten
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    JsonPath run = Collection.collect(t, false);
                    given[0] += run.getLong("tenants[0].reclaimedBytes");
                    given[1] += run.getInt("tenants[0].packsRewritten");
                    return given[0] >= 0.9 * doomed.length;
                });

        // then the tenant's stored bytes fell by at least 90% of the doomed file, the shared pack was rewritten
        assertThat(storedBefore - Collection.stored(t)).isEqualTo(given[0]).isGreaterThanOrEqualTo((long)
                (0.9 * doomed.length));
        assertThat(given[1]).as("packs rewritten").isPositive();
        // and once restores in flight are done with the old packs (the grace period), the bucket shrinks as much,
        // and holds exactly what the tenant's stored bytes say
        await().atMost(TestPlatform.URL_TTL.plusSeconds(30))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> Collection.collect(t, false).getInt("tenants[0].objectsDeleted") > 0
                        && Collection.bucketPackBytes(t) <= bucketBefore - 0.9 * doomed.length);
        assertThat(Collection.bucketPackBytes(t)).isEqualTo(Collection.stored(t));
        // and the backup that stays restores byte for byte, its kept file now from the rewritten pack
        Path again = tmp.resolve("restored-kept");
        assertThat(agent.restore(keptOnly, again).exit()).isZero();
        assertThat(Files.readAllBytes(again.resolve("kept.bin"))).isEqualTo(kept);
        assertThat(Files.readString(again.resolve("note.txt"))).isEqualTo("kept in every backup");
        assertThat(again.resolve("doomed.bin")).doesNotExist();
        // and a sweep waits for a missing-query in flight: with the tenant's promise lock held shared (as a
        // missing-query holds it while it reads and stamps; ADR 0024), a collection blocks on it, and goes on after
        try (Connection query = TestPlatform.get().postgres().connect(Platform.DATABASE);
                Connection watch = TestPlatform.get().postgres().connect(Platform.DATABASE)) {
            query.setAutoCommit(false);
            try (PreparedStatement s = query.prepareStatement("SELECT pg_advisory_xact_lock_shared(?, ?)")) {
                s.setInt(1, PROMISE_LOCK_CLASS);
                s.setInt(2, t.hashCode());
                s.execute();
            }
            CompletableFuture<JsonPath> sweeping = CompletableFuture.supplyAsync(() -> Collection.collect(t, false));
            await().atMost(Duration.ofSeconds(30)).until(() -> waitingOnPromiseLock(watch) == 1);
            assertThat(sweeping).isNotDone();
            query.commit();
            assertThat(sweeping.get(60, TimeUnit.SECONDS).getString("tenants[0].tenantId"))
                    .isEqualTo(t.toString());
        }
        // and the runs are on record for operators
        Api.as(Operators.token())
                .queryParam("tenant", t.toString())
                .queryParam("limit", 2)
                .when()
                .get("/api/v1/admin/gc/runs")
                .then()
                .statusCode(200)
                .body("items.size()", org.hamcrest.Matchers.equalTo(2))
                .body("nextCursor", org.hamcrest.Matchers.notNullValue());
    }

    /** The class key of the promise locks: "PROM" as a number (ingest's {@code pack/PromiseLock}). */
    private static final int PROMISE_LOCK_CLASS = 0x50524f4d;

    private static long waitingOnPromiseLock(Connection c) throws Exception {
        try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
                + " AND NOT granted AND classid = ?::bigint::oid AND objsubid = 2"); ) {
            s.setLong(1, PROMISE_LOCK_CLASS);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void onlyOperatorsCollectAndBadInputIsAProblem() {
        Tenants.SignedUp tenant = Tenants.free("Collect Not Co");
        Api.as(tenant.token()).when().post("/api/v1/admin/gc").then().statusCode(403);
        Api.as(Operators.token())
                .queryParam("tenant", "not-a-uuid")
                .when()
                .post("/api/v1/admin/gc")
                .then()
                .statusCode(400)
                .contentType(Api.PROBLEM)
                .body("errors.field", org.hamcrest.Matchers.hasItem("tenant"));
        Api.as(Operators.token())
                .queryParam("cursor", "nonsense")
                .when()
                .get("/api/v1/admin/gc/runs")
                .then()
                .statusCode(400)
                .contentType(Api.PROBLEM)
                .body("errors.field", org.hamcrest.Matchers.hasItem("cursor"));
    }
}
