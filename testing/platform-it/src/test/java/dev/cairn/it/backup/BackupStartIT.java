package dev.cairn.it.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.cairn.it.support.Agents;
import dev.cairn.it.support.Api;
import dev.cairn.it.support.Tenants;
import io.restassured.response.Response;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Starting a backup honours an {@code Idempotency-Key}: an agent's retry after a lost answer gets the backup its first
 * attempt started instead of leaving an orphan {@code InProgress} one behind; the key is the agent's own.
 */
class BackupStartIT {
    private static Response start(String agentToken, String source, String key) {
        var request = Api.as(agentToken).body(Map.of("source", source));
        if (key != null) {
            request = request.header("Idempotency-Key", key);
        }
        return request.when().post("/api/v1/backups");
    }

    @Test
    void aRepeatedStartAnswersTheBackupTheFirstOneStarted() {
        Tenants.SignedUp tenant = Tenants.free("Start Once");
        String agent = Agents.registered(tenant, "once").accessToken();
        String other = Agents.registered(tenant, "other").accessToken();
        String key = UUID.randomUUID().toString();

        Response first = start(agent, "local:/srv", key);
        first.then().statusCode(201).body("phase", equalTo("InProgress"));
        String id = first.path("id");
        assertThat(first.header("Location")).endsWith("/api/v1/backups/" + id);

        Response again = start(agent, "local:/srv", key);
        again.then().statusCode(200).body("id", equalTo(id));
        assertThat(again.header("Location")).endsWith("/api/v1/backups/" + id);

        // the key names that request: another source with it is refused, and starts nothing
        start(agent, "local:/elsewhere", key)
                .then()
                .statusCode(422)
                .contentType(Api.PROBLEM)
                .body("type", equalTo("https://cairn.dev/problems/idempotency-key-reused"));
        // keys are each agent's own: the same key from another agent of the tenant starts its own backup
        String others =
                start(other, "local:/srv", key).then().statusCode(201).extract().path("id");
        assertThat(others).isNotEqualTo(id);
        // without a key, each request starts one
        String a = start(agent, "local:/srv", null)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String b = start(agent, "local:/srv", null)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        assertThat(a).isNotEqualTo(b);

        assertThat(tenant.backups().findValuesAsText("id")).containsOnlyOnce(id).hasSize(4);
    }

    /**
     * A route's body limit is checked on the announced length before anything is read (issue 17, item 1): every
     * ingest route took 256 MiB and parsed its JSON whole before checking sizes; only the manifest may be that large.
     */
    @Test
    void aBodyOverItsRoutesLimitIsRefusedBeforeItIsRead() {
        Tenants.SignedUp tenant = Tenants.free("Body Limits");
        String agent = Agents.registered(tenant, "limits").accessToken();
        byte[] large = new byte[5 << 20];
        java.util.Arrays.fill(large, (byte) ' ');
        Api.as(agent)
                .body(large)
                .when()
                .post("/api/v1/backups")
                .then()
                .statusCode(413)
                .contentType(Api.PROBLEM)
                .body("type", equalTo("https://cairn.dev/problems/body-too-large"));
        // the same size is a manifest's to take (this one is not one: refused as such, not for its size)
        String backup = Agents.startBackup(agent, "local:/limits");
        Response manifest = Api.as(agent)
                .contentType("application/octet-stream")
                .body(large)
                .when()
                .put("/api/v1/backups/" + backup + "/manifest");
        assertThat(manifest.statusCode()).as(manifest.asString()).isEqualTo(400);
        assertThat(manifest.jsonPath().getString("type")).isEqualTo("https://cairn.dev/problems/invalid-manifest");
    }
}
