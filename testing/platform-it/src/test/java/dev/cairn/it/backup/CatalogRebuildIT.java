package dev.cairn.it.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.it.support.Agents;
import dev.cairn.it.support.Api;
import dev.cairn.it.support.Catalog;
import dev.cairn.it.support.Datasets;
import dev.cairn.it.support.LocalAgent;
import dev.cairn.it.support.Operators;
import dev.cairn.it.support.Tenants;
import dev.cairn.it.support.TestPlatform;
import dev.cairn.it.support.Trees;
import dev.cairn.testing.platform.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Invariant 8: a tenant's catalog, emptied, comes back from the objects of its bucket alone and restores as before. */
class CatalogRebuildIT {

    @TempDir
    Path tmp;

    @Test
    void anEmptiedCatalogIsRebuiltFromTheBucketAlone() throws Exception {
        // given a tenant with two completed backups
        Tenants.SignedUp tenant = Tenants.free("Rebuild Co");
        LocalAgent agent = new LocalAgent(Agents.registered(tenant, "r"), tmp.resolve("agent"));
        Path src = Datasets.dataset(tmp.resolve("src"));
        String first = agent.backup(src).json().path("id").asText();
        Files.writeString(src.resolve("later.txt"), "added before the second backup");
        String second = agent.backup(src).json().path("id").asText();
        UUID t = tenant.id();
        String before = state(t);
        JsonNode listBefore = tenant.backups();

        // when the tenant's rows are gone from the catalog
        try (Connection c = TestPlatform.get().postgres().connect(Platform.DATABASE)) {
            for (String table : List.of("backup", "chunk", "pack", "tenant_storage")) {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM ingest." + table + " WHERE tenant_id = ?")) {
                    s.setObject(1, t);
                    s.executeUpdate();
                }
            }
        }
        assertThat(agent.restore(second, tmp.resolve("lost")).exit()).isEqualTo(1);
        assertThat(state(t)).isNotEqualTo(before);

        // and an operator rebuilds it from the tenant's home-region bucket
        String operator = Operators.token();
        String rebuild = "/api/v1/admin/catalog/" + t + "/rebuild";
        Api.as(operator)
                .queryParam("region", "eu-west-1")
                .when()
                .post(rebuild)
                .then()
                .statusCode(200)
                .body("backups", equalTo(2))
                .body("skipped", empty());

        // then the catalog is what it was, and both backups restore byte for byte
        assertThat(state(t)).isEqualTo(before);
        JsonNode listAfter = tenant.backups();
        assertThat(listAfter.findValuesAsText("id"))
                .containsExactlyInAnyOrderElementsOf(listBefore.findValuesAsText("id"));
        assertThat(listAfter.findValuesAsText("phase")).containsOnly("Completed");
        Path restored = tmp.resolve("restored");
        assertThat(agent.restore(second, restored).exit()).isZero();
        Trees.assertSame(src, restored);
        assertThat(agent.restore(first, tmp.resolve("first")).exit()).isZero();
        assertThat(tmp.resolve("first").resolve("later.txt")).doesNotExist();
        // a non-operator may not
        Api.as(tenant.token())
                .queryParam("region", "eu-west-1")
                .when()
                .post(rebuild)
                .then()
                .statusCode(403)
                .contentType(Api.PROBLEM);
    }

    /** The tenant's catalog in numbers: packs, chunks, stored bytes, backups with their reference counts. */
    private static String state(UUID t) throws Exception {
        return Catalog.query("SELECT count(*) FROM ingest.pack WHERE tenant_id = ?", t) + " packs, "
                + Catalog.query("SELECT count(*) FROM ingest.chunk WHERE tenant_id = ?", t) + " chunks, "
                + Catalog.query("SELECT stored_bytes FROM ingest.tenant_storage WHERE tenant_id = ?", t)
                + " bytes, " + Catalog.query("SELECT count(*) FROM ingest.backup WHERE tenant_id = ?", t)
                + " backups, "
                + Catalog.query("SELECT sum(reference_count) FROM ingest.backup WHERE tenant_id = ?", t)
                + " references";
    }
}
