package dev.cairn.it.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.it.support.Agents;
import dev.cairn.it.support.Api;
import dev.cairn.it.support.Collection;
import dev.cairn.it.support.DisruptsThePlatform;
import dev.cairn.it.support.FaultHolds;
import dev.cairn.it.support.LocalAgent;
import dev.cairn.it.support.Tenants;
import dev.cairn.it.support.TestPlatform;
import dev.cairn.testing.platform.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backup completes when its last chunk and its manifest are both committed, in whichever order their two
 * transactions (ingest's pack commit, the agent's manifest commit) run, also when they overlap: the interleaving that
 * left backups Committing for a quarter of an hour (each checked before the other committed) is forced here.
 */
@DisruptsThePlatform
class CompletionRaceIT {
    /** The key space of ingest's completion locks ({@code BackupCatalog#lockCompletion}). */
    private static final int COMPLETION_LOCK = 0x636d706c;

    @TempDir
    Path tmp;

    @Test
    void aPackCommitDuringAManifestCommitCompletesTheBackup() throws Exception {
        // given a tenant's agent and a folder of new data
        Tenants.SignedUp tenant = Tenants.free("Race Co");
        LocalAgent agent = new LocalAgent(Agents.registered(tenant, "racer"), tmp.resolve("agent"));
        Path src = Files.createDirectories(tmp.resolve("src"));
        byte[] data = new byte[3 << 20];
        new Random(5).nextBytes(data);
        Files.write(src.resolve("data.bin"), data);

        ExecutorService runner = Executors.newSingleThreadExecutor();
        String id;
        try (FaultHolds holds = FaultHolds.at("BEFORE_PACK_UPLOAD", "BEFORE_UPLOADED_INDEX", "MANIFEST_CHECKED");
                Connection watch = TestPlatform.get().postgres().connect(Platform.DATABASE)) {
            // when ingest's consumer holds the backup's chunks uncommitted, and the manifest's transaction has checked
            // for completion (chunks missing) but not committed
            Future<LocalAgent.Run> backup = runner.submit(() -> agent.backup(src));
            holds.awaitHeld("MANIFEST_CHECKED", Duration.ofSeconds(120));
            // and the pack commit goes on meanwhile
            holds.release("BEFORE_PACK_UPLOAD", "BEFORE_UPLOADED_INDEX");

            // then the pack commit waits for the manifest's transaction to end before it checks
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .alias("a pack commit waiting on the tenant's completion lock")
                    .until(() -> waitingOnCompletionLock(watch) > 0);
            holds.release("MANIFEST_CHECKED");

            // and the backup completes (without the wait it stayed Committing until the tenant's next pack commit)
            id = Collection.completed(backup.get(120, TimeUnit.SECONDS));
            assertThat(Api.as(tenant.token())
                            .when()
                            .get("/api/v1/backups/" + id)
                            .then()
                            .statusCode(200)
                            .extract()
                            .path("phase")
                            .toString())
                    .isEqualTo("Completed");
        } finally {
            runner.shutdownNow();
        }
        Path restored = tmp.resolve("restored");
        assertThat(agent.restore(id, restored).exit()).isZero();
        assertThat(Files.readAllBytes(restored.resolve("data.bin"))).isEqualTo(data);
    }

    private static int waitingOnCompletionLock(Connection c) throws Exception {
        try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
                + " AND classid = ?::bigint::oid AND NOT granted")) {
            s.setInt(1, COMPLETION_LOCK);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
