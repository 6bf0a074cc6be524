package dev.cairn.it.crash;

import static dev.cairn.it.support.Catalog.query;
import static dev.cairn.it.support.Datasets.dataset;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.it.support.Agents;
import dev.cairn.it.support.Api;
import dev.cairn.it.support.Catalog;
import dev.cairn.it.support.DisruptsThePlatform;
import dev.cairn.it.support.Faults;
import dev.cairn.it.support.LocalAgent;
import dev.cairn.it.support.Operators;
import dev.cairn.it.support.Tenants;
import dev.cairn.it.support.TestPlatform;
import dev.cairn.it.support.Trees;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Invariants 1 and 3 through crashes: ingest is killed with SIGKILL at a named point of a backup (it parks there, see
 * the ingest service's FaultPoints, and the test kills it), then restarted. The backup still completes (the agent
 * retries its calls; its records wait in Kafka), restores byte for byte, every chunk is stored and counted once
 * (stored bytes = committed packs = usage events), and a pack ingest uploaded but never committed is found by garbage
 * collection's dry run. The dataset is larger than one pack the agent uploads itself (ADR 0025) and its tail travels
 * as records, so both kinds of pack meet the kill; a pack its agent uploaded is committed after the restart (its
 * slot stays open until then), never left as an orphan.
 */
@DisruptsThePlatform
class BackupCrashIT {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(
            strings = {
                "BEFORE_UPLOADED_INDEX",
                "BEFORE_PACK_UPLOAD",
                "BETWEEN_PACK_AND_INDEX",
                "BEFORE_CATALOG_COMMIT",
                "AFTER_CATALOG_COMMIT",
                "MANIFEST_BEFORE_COMMIT",
                "MANIFEST_AFTER_COMMIT"
            })
    void aBackupSurvivesIngestKilledAt(String point) throws Exception {
        // given a tenant, its agent and some data
        Tenants.SignedUp tenant = Tenants.free("Crash " + point);
        LocalAgent agent = new LocalAgent(Agents.registered(tenant, "crash"), tmp.resolve("agent"));
        Path src = dataset(tmp.resolve("src"));

        // when ingest halts at the point during the backup, and is killed there and restarted (at a manifest's
        // points, once ingest's writing thread has committed what the topic holds: packs are written while
        // manifests arrive, and one killed in its upload is an orphan, which the pack points below test)
        Runnable beforeKill = point.startsWith("MANIFEST")
                ? () -> await().atMost(Duration.ofSeconds(60)).until(Catalog::ingestCaughtUp)
                : () -> {};
        CompletableFuture<LocalAgent.Run> backup =
                Faults.killAt(TestPlatform.get().services().get("ingest"), point, () -> agent.backup(src), beforeKill);

        // then the backup completes and restores byte for byte
        LocalAgent.Run run = backup.get(5, TimeUnit.MINUTES);
        assertThat(run.exit()).as(run.toString()).isZero();
        JsonNode result = run.json();
        assertThat(result.path("phase").asText()).isEqualTo("Completed");
        Path restored = tmp.resolve("restored");
        LocalAgent.Run restore = agent.restore(result.path("id").asText(), restored);
        assertThat(restore.exit()).as(restore.toString()).isZero();
        Trees.assertSame(src, restored);

        // and every chunk is stored and counted exactly once
        UUID t = tenant.id();
        long stored = query("SELECT stored_bytes FROM ingest.tenant_storage WHERE tenant_id = ?", t);
        assertThat(stored).isPositive();
        assertThat(query("SELECT sum(size_bytes) FROM ingest.pack WHERE tenant_id = ?", t))
                .isEqualTo(stored);
        assertThat(query("SELECT sum(bytes) FROM ingest.usage_event WHERE tenant_id = ? AND kind = 'STORED'", t))
                .isEqualTo(stored);
        assertThat(query("SELECT sum(chunk_count) FROM ingest.pack WHERE tenant_id = ?", t))
                .isEqualTo(query("SELECT count(*) FROM ingest.chunk WHERE tenant_id = ?", t));
        assertThat(query(
                        "SELECT count(*) FROM ingest.backup_chunk bc JOIN ingest.backup b ON b.id = bc.backup_id"
                                + " WHERE b.tenant_id = ?",
                        t))
                .isEqualTo(query("SELECT reference_count FROM ingest.backup WHERE tenant_id = ?", t));

        // (the backup's DR copies are made meanwhile, and s3proxy writes a copy in progress as a temporary file under
        // packs/, which a listing shows: the dry run comes once the backup is protected in its DR region)
        String backupId = result.path("id").asText();
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    JsonNode replication =
                            Api.json(Api.as(tenant.token()).when().get("/api/v1/backups/" + backupId + "/replication"));
                    return replication.path("drRegion").isNull()
                            || replication.path("protectedInDr").asBoolean();
                });
        // a crash between a pack's upload and its commit leaves an orphan, which garbage collection's dry run finds
        JsonNode gc = Api.as(Operators.token())
                .queryParam("dryRun", true)
                .queryParam("minAge", "PT0S")
                .when()
                .post("/api/v1/admin/gc/orphan-packs")
                .then()
                .statusCode(200)
                .extract()
                .as(JsonNode.class);
        long orphansOfTenant = 0;
        for (JsonNode o : gc.path("orphans")) {
            if (o.path("key").asText().startsWith("tenants/" + t + "/packs/")) {
                orphansOfTenant++;
            }
        }
        if (point.equals("BETWEEN_PACK_AND_INDEX") || point.equals("BEFORE_CATALOG_COMMIT")) {
            assertThat(orphansOfTenant).as(gc.toString()).isPositive();
        } else {
            assertThat(orphansOfTenant).as(gc.toString()).isZero();
        }
        assertThat(gc.path("dryRun").asBoolean()).isTrue();
    }

    /** About 10 MB: random files (several packs' worth of chunks) and small files. */
}
