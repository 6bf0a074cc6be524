package dev.cairn.it.support;

import dev.cairn.testing.platform.Platform;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.UUID;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Test fixtures of garbage collection: runs as the operator, and what a tenant holds in the catalog and the bucket. */
public final class Collection {
    private Collection() {}

    /**
     * A tenant whose first backup held a kept file and a doomed one together (in the same pack), whose second backup
     * holds the kept file only, and whose first backup is deleted: the doomed file's chunks are garbage, in a pack
     * that is mostly garbage.
     *
     * @param keptBackup the second backup
     * @param src the folder, as of the second backup
     */
    public record Scene(
            Tenants.SignedUp tenant, LocalAgent agent, Path src, byte[] kept, byte[] doomed, String keptBackup) {
        /** Sets the scene in {@code tmp}. */
        public static Scene deletedBackupSharingAPack(Path tmp, String organisation) throws Exception {
            Tenants.SignedUp tenant = Tenants.free(organisation);
            LocalAgent agent = new LocalAgent(Agents.registered(tenant, "gc"), tmp.resolve("agent"));
            Path src = Files.createDirectories(tmp.resolve("src"));
            byte[] kept = random(2 << 20, 1);
            byte[] doomed = random(4 << 20, 2);
            Files.write(src.resolve("kept.bin"), kept);
            Files.write(src.resolve("doomed.bin"), doomed);
            Files.writeString(src.resolve("note.txt"), "kept in every backup");
            String both = completed(agent.backup(src));
            Files.delete(src.resolve("doomed.bin"));
            String keptOnly = completed(agent.backup(src));
            delete(tenant, both);
            return new Scene(tenant, agent, src, kept, doomed, keptOnly);
        }
    }

    /** The id of a backup that a local run completed. */
    public static String completed(LocalAgent.Run run) {
        org.assertj.core.api.Assertions.assertThat(run.exit())
                .as(run.toString())
                .isZero();
        return run.json().path("id").asText();
    }

    /** Deletes one of the tenant's backups as its administrator. */
    public static void delete(Tenants.SignedUp tenant, String backup) {
        Api.as(tenant.token()).when().delete("/api/v1/backups/" + backup).then().statusCode(204);
    }

    /** Collects one tenant as the operator (a dry run or for real); the report. */
    public static JsonPath collect(UUID tenant, boolean dryRun) {
        return Api.as(Operators.token())
                .queryParam("tenant", tenant.toString())
                .queryParam("dryRun", dryRun)
                .when()
                .post("/api/v1/admin/gc")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** The tenant's stored-bytes counter. */
    public static long stored(UUID tenant) throws Exception {
        return Catalog.query("SELECT stored_bytes FROM ingest.tenant_storage WHERE tenant_id = ?", tenant);
    }

    /** The bytes of the tenant's pack and index objects in its home region's bucket. */
    public static long bucketPackBytes(UUID tenant) {
        try (S3Client s3 = TestPlatform.get().objectStores().get("eu-west-1").client()) {
            return s3
                    .listObjectsV2Paginator(
                            b -> b.bucket(Platform.bucket("eu-west-1")).prefix("tenants/" + tenant + "/packs/"))
                    .contents()
                    .stream()
                    .mapToLong(S3Object::size)
                    .sum();
        }
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
