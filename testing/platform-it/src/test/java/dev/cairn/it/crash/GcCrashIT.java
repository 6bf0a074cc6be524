package dev.cairn.it.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.it.support.Api;
import dev.cairn.it.support.Catalog;
import dev.cairn.it.support.Collection;
import dev.cairn.it.support.DisruptsThePlatform;
import dev.cairn.it.support.Faults;
import dev.cairn.it.support.Operators;
import dev.cairn.it.support.TestPlatform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Garbage collection killed with SIGKILL while it rewrites a pack (before its catalog commit, and after it): the next
 * runs finish the work, nothing the tenant keeps is lost, and its stored bytes, usage events, live packs and bucket
 * agree to the byte.
 */
@DisruptsThePlatform
class GcCrashIT {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"GC_BEFORE_REPACK_COMMIT", "GC_AFTER_REPACK_COMMIT"})
    void aCollectionKilledWhileRewritingAPackLosesNothingAndCountsNothingTwice(String point) throws Exception {
        // given a deleted backup whose doomed chunks share a pack with chunks another backup keeps
        Collection.Scene scene = Collection.Scene.deletedBackupSharingAPack(tmp, "Collect Crash Co");
        UUID t = scene.tenant().id();
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> Collection.collect(t, true).getInt("tenants[0].packsRewritten") > 0);

        // when ingest halts at the point while a collection rewrites that pack, and is killed there and restarted
        Faults.killAt(
                TestPlatform.get().services().get("ingest"),
                point,
                () -> Api.as(Operators.token())
                        .queryParam("tenant", t.toString())
                        .queryParam("dryRun", false)
                        .post("/api/v1/admin/gc"));

        // then later runs finish the work: nothing left to rewrite, and the retired pack's objects go after the grace
        await().atMost(TestPlatform.URL_TTL.plusSeconds(45))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    Collection.collect(t, false);
                    return Catalog.query(
                                            "SELECT count(*) FROM ingest.pack WHERE tenant_id = ? AND retired_at IS NOT NULL",
                                            t)
                                    == 0
                            && Collection.collect(t, true).getInt("tenants[0].packsRewritten") == 0;
                });
        // and the kept backup restores byte for byte
        Path restored = tmp.resolve("restored");
        assertThat(scene.agent().restore(scene.keptBackup(), restored).exit()).isZero();
        assertThat(Files.readAllBytes(restored.resolve("kept.bin"))).isEqualTo(scene.kept());
        // and stored bytes = the live packs = the sum of STORED usage events = the bucket less orphans (a pack written
        // but never committed, when killed before the commit: the orphan collector's, after its hour)
        long stored = Collection.stored(t);
        assertThat(Catalog.query("SELECT sum(size_bytes) FROM ingest.pack WHERE tenant_id = ?", t))
                .isEqualTo(stored);
        assertThat(Catalog.query(
                        "SELECT sum(bytes) FROM ingest.usage_event WHERE tenant_id = ? AND kind = 'STORED'", t))
                .isEqualTo(stored);
        long orphans = 0;
        for (var o : Api.as(Operators.token())
                .queryParam("minAge", "PT0S")
                .post("/api/v1/admin/gc/orphan-packs")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("orphans", java.util.Map.class)) {
            if (o.get("key").toString().startsWith("tenants/" + t + "/packs/")) {
                orphans += ((Number) o.get("size")).longValue();
            }
        }
        assertThat(Collection.bucketPackBytes(t)).isEqualTo(stored + orphans);
        if (point.equals("GC_BEFORE_REPACK_COMMIT")) {
            assertThat(orphans).as("the rewritten pack of the killed run").isPositive();
        } else {
            assertThat(orphans).isZero();
        }
    }
}
