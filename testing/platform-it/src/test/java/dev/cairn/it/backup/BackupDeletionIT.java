package dev.cairn.it.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.it.support.Agents;
import dev.cairn.it.support.Api;
import dev.cairn.it.support.LocalAgent;
import dev.cairn.it.support.Tenants;
import dev.cairn.it.support.TestPlatform;
import dev.cairn.it.support.Trees;
import dev.cairn.testing.platform.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/** Deleting a backup: gone from the catalog and the bucket's manifests, other backups untouched. */
class BackupDeletionIT {
    @TempDir
    Path tmp;

    @Test
    void aDeletedBackupIsGoneAndTheOthersStillRestore() throws Exception {
        Tenants.SignedUp tenant = Tenants.free("Deletion Co");
        Agents.Registered registered = Agents.registered(tenant, "laptop");
        LocalAgent agent = new LocalAgent(registered, tmp.resolve("agent"));
        Path src = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(src.resolve("kept.txt"), "in both backups");
        String first = agent.backup(src).json().path("id").asText();
        Files.writeString(src.resolve("later.txt"), "only in the second");
        String second = agent.backup(src).json().path("id").asText();
        String manifest = "tenants/" + tenant.id() + "/backups/" + first + ".manifest";
        assertThat(objectExists(manifest)).isTrue();

        // when the first is deleted
        Api.as(tenant.token()).when().delete("/api/v1/backups/" + first).then().statusCode(204);

        // then it is gone, from the API and the bucket, and a second delete is a 404
        Api.as(tenant.token())
                .when()
                .get("/api/v1/backups/" + first)
                .then()
                .statusCode(404)
                .contentType(Api.PROBLEM);
        assertThat(tenant.backups().findValuesAsText("id")).containsExactly(second);
        assertThat(objectExists(manifest)).isFalse();
        Api.as(tenant.token()).when().delete("/api/v1/backups/" + first).then().statusCode(404);
        // and the other restores byte for byte (the chunks they share stay)
        Path restored = tmp.resolve("restored");
        assertThat(agent.restore(second, restored).exit()).isZero();
        Trees.assertSame(src, restored);

        // an agent may not delete
        Api.as(registered.accessToken())
                .when()
                .delete("/api/v1/backups/" + second)
                .then()
                .statusCode(403)
                .contentType(Api.PROBLEM);
    }

    @Test
    void aBackupInProgressCannotBeDeleted() {
        Tenants.SignedUp tenant = Tenants.free("Deletion Busy Co");
        Agents.Registered agent = Agents.registered(tenant, "busy");
        String id = Api.as(agent.accessToken())
                .body(Map.of("source", "local:/busy"))
                .when()
                .post("/api/v1/backups")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        Api.as(tenant.token())
                .when()
                .delete("/api/v1/backups/" + id)
                .then()
                .statusCode(409)
                .contentType(Api.PROBLEM);
    }

    private static boolean objectExists(String key) {
        try (S3Client s3 = TestPlatform.get().objectStores().get("eu-west-1").client()) {
            return !s3.listObjectsV2(b -> b.bucket(Platform.bucket("eu-west-1")).prefix(key))
                    .contents()
                    .isEmpty();
        }
    }
}
