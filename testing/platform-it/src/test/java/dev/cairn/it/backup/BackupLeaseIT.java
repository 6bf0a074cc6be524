package dev.cairn.it.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.it.support.Agents;
import dev.cairn.it.support.Api;
import dev.cairn.it.support.Tenants;
import dev.cairn.it.support.TestPlatform;
import dev.cairn.it.support.WaitsMostly;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A backup in progress is held by a lease its agent renews; when the agent stops renewing (killed, cut off), the
 * backup ends Failed with the reason instead of staying InProgress for ever. The test platform's lease is
 * {@link TestPlatform#BACKUP_LEASE}.
 */
@WaitsMostly
class BackupLeaseIT {
    @Test
    void aBackupWhoseAgentStopsRenewingEndsFailedWithTheReason() {
        Tenants.SignedUp tenant = Tenants.free("Lease Co");
        Agents.Registered agent = Agents.registered(tenant, "flaky");
        String token = agent.accessToken();
        JsonNode started = Api.json(
                Api.as(token).body(Map.of("source", "local:/lease")).when().post("/api/v1/backups"));
        String id = started.path("id").asText();
        Instant until = Instant.parse(started.path("leaseUntil").asText());
        assertThat(until).isBetween(Instant.now(), Instant.now().plus(TestPlatform.BACKUP_LEASE.plusSeconds(5)));

        // renewed past its first lease, it stays in progress
        Instant pastFirstLease = until.plusSeconds(2);
        while (Instant.now().isBefore(pastFirstLease)) {
            Instant renewed = Instant.parse(Api.as(token)
                    .when()
                    .post("/api/v1/backups/" + id + "/lease")
                    .then()
                    .statusCode(200)
                    .body("phase", equalTo("InProgress"))
                    .extract()
                    .path("leaseUntil"));
            assertThat(renewed).isAfter(until.minusSeconds(1));
            await().pollDelay(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(4))
                    .until(() -> true);
        }

        // when the agent stops renewing, the backup ends Failed, saying why
        await().atMost(TestPlatform.BACKUP_LEASE.plusSeconds(30))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> Api.as(tenant.token())
                        .when()
                        .get("/api/v1/backups/" + id)
                        .then()
                        .body("phase", equalTo("Failed")));
        JsonNode failed = Api.json(Api.as(tenant.token()).when().get("/api/v1/backups/" + id));
        assertThat(failed.path("failure").asText()).contains("stopped renewing its lease");
        assertThat(failed.path("leaseUntil").isNull()).isTrue();
        // and a late renewal is refused: the agent learns its backup is gone
        Api.as(token)
                .when()
                .post("/api/v1/backups/" + id + "/lease")
                .then()
                .statusCode(409)
                .contentType(Api.PROBLEM);
    }
}
