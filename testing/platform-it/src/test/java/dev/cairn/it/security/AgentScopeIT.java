package dev.cairn.it.security;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.cairn.it.support.Agents;
import dev.cairn.it.support.Api;
import dev.cairn.it.support.Tenants;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An agent acts on its own cluster's backups only, and a revoked agent reads nothing: another agent of the same tenant
 * cannot abort a backup it did not start, and a revoked agent's still-valid token reads no backup.
 */
class AgentScopeIT {
    @Test
    void anAgentCannotAbortABackupAnotherAgentOfItsTenantStarted() {
        Tenants.SignedUp tenant = Tenants.free("Scope Co");
        String first = Agents.registered(tenant, "scope-a").accessToken();
        String second = Agents.registered(tenant, "scope-b").accessToken();
        String id = Agents.startBackup(first, "local:/scoped");

        Api.as(second)
                .body(Map.of("reason", "not mine to stop"))
                .when()
                .post("/api/v1/backups/" + id + "/abort")
                .then()
                .statusCode(403)
                .contentType(Api.PROBLEM)
                .body("type", equalTo("https://cairn.dev/problems/not-your-backup"));
        Api.as(tenant.token()).when().get("/api/v1/backups/" + id).then().body("phase", equalTo("InProgress"));

        Api.as(first)
                .body(Map.of("reason", "stopped by its own agent"))
                .when()
                .post("/api/v1/backups/" + id + "/abort")
                .then()
                .statusCode(200)
                .body("phase", equalTo("Failed"));
    }

    @Test
    void aRevokedAgentReadsNoBackupWhateverItsTokenSays() {
        Tenants.SignedUp tenant = Tenants.free("Revoked Reader");
        Agents.Registered agent = Agents.registered(tenant, "reader");
        String token = agent.accessToken();
        String id = Agents.startBackup(token, "local:/read");
        Api.as(token).when().get("/api/v1/backups/" + id).then().statusCode(200);

        Agents.revoke(tenant, agent);

        // the ingest service learns of the revocation within its directory's cache time
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> Api.as(token)
                        .when()
                        .get("/api/v1/backups/" + id)
                        .then()
                        .statusCode(403)
                        .body("type", equalTo("https://cairn.dev/problems/agent-revoked")));
        Api.as(token).when().get("/api/v1/backups").then().statusCode(403);
        // the tenant's own users still read it
        Api.as(tenant.token()).when().get("/api/v1/backups/" + id).then().statusCode(200);
    }
}
