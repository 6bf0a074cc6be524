package dev.cairn.it.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import dev.cairn.it.support.Agents;
import dev.cairn.it.support.Api;
import dev.cairn.it.support.Collection;
import dev.cairn.it.support.LocalAgent;
import dev.cairn.it.support.Metering;
import dev.cairn.it.support.Tenants;
import dev.cairn.it.support.TestPlatform;
import dev.cairn.it.support.WaitsMostly;
import dev.cairn.testing.platform.Platform;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Deleting a tenant: a grace period that can be cancelled, then keys, objects, users and rows destroyed. */
@WaitsMostly
class TenantDeletionIT {
    @Test
    void aDeletionCanBeCancelledDuringItsGracePeriod() {
        Tenants.SignedUp tenant = Tenants.free("Second Thoughts");
        String token = tenant.token();

        Api.as(token)
                .when()
                .delete("/api/v1/tenant")
                .then()
                .statusCode(202)
                .body("phase", equalTo("PendingDeletion"))
                .body("deleteAfter", not(emptyOrNullString()));
        // nothing new starts while deletion is pending
        Api.as(token)
                .body(java.util.Map.of("name", "late"))
                .when()
                .post("/api/v1/clusters")
                .then()
                .statusCode(409)
                .contentType(Api.PROBLEM);

        Api.as(token)
                .when()
                .post("/api/v1/tenant/cancel-deletion")
                .then()
                .statusCode(200)
                .body("phase", equalTo("Active"));
        // and it survives the grace period
        await().pollDelay(Duration.ofSeconds(8))
                .atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> Api.as(tenant.token())
                        .when()
                        .get("/api/v1/tenant")
                        .then()
                        .statusCode(200)
                        .body("phase", equalTo("Active")));
    }

    @Test
    void afterTheGracePeriodKeysObjectsUsersAndAgentsAreDestroyed(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        Platform platform = TestPlatform.get();
        Tenants.SignedUp doomed = Tenants.free("Doomed Co");
        Tenants.SignedUp bystander = Tenants.free("Bystander Co");
        Agents.Registered agent = Agents.registered(doomed, "doomed-cluster");
        // a backup, so that the tenant stores bytes that the purge must give back (and metering must see freed)
        java.nio.file.Path src = java.nio.file.Files.createDirectories(tmp.resolve("src"));
        java.nio.file.Files.writeString(src.resolve("a.txt"), "doomed data");
        String backup = Collection.completed(new LocalAgent(agent, tmp.resolve("agent")).backup(src));
        assertThat(Collection.stored(doomed.id())).isPositive();
        String doomedKey = "tenants/" + doomed.id() + "/packs/0001";
        String bystanderKey = "tenants/" + bystander.id() + "/packs/0001";
        for (String region : java.util.List.of("eu-west-1", "us-east-1")) {
            try (S3Client s3 = platform.objectStores().get(region).client()) {
                s3.putObject(b -> b.bucket(Platform.bucket(region)).key(doomedKey), RequestBody.fromString("x"));
                s3.putObject(b -> b.bucket(Platform.bucket(region)).key(bystanderKey), RequestBody.fromString("y"));
            }
        }
        assertThat(Tenants.keyCount(doomed.id())).isEqualTo(2);
        // what the other services keep of it: a policy (scheduler) and a recovery (recovery service)
        String cluster = agent.credentials().path("clusterId").asText();
        dev.cairn.it.support.Policies.create(doomed, cluster, "doomed-nightly");
        Api.as(doomed.token())
                .body(java.util.Map.of("backupId", backup, "targetClusterId", cluster))
                .when()
                .post("/api/v1/recoveries")
                .then()
                .statusCode(202);
        assertThat(rows("scheduler.policy", doomed.id())).isOne();
        assertThat(rows("recovery.recovery", doomed.id())).isOne();

        // when
        Api.as(doomed.token()).when().delete("/api/v1/tenant").then().statusCode(202);

        // then: once the grace period ends, the tenant's keys are gone (crypto-shredding) and it is a tombstone
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> "Deleted".equals(Tenants.phase(doomed.id())));
        assertThat(Tenants.keyCount(doomed.id())).isZero();
        // its catalog is forgotten: nothing stored, and metering counts its bytes freed
        assertThat(Collection.stored(doomed.id())).isZero();
        Metering.awaitCaughtUp(doomed.id());
        assertThat(Metering.stored(doomed.id())).isZero();
        assertThat(dev.cairn.it.support.Catalog.query(
                        "SELECT count(*) FROM ingest.chunk WHERE tenant_id = ?", doomed.id()))
                .isZero();
        // and every other service forgot it: no backup, policy or recovery of it is left
        for (String table : java.util.List.of(
                "ingest.backup",
                "ingest.upload_slot",
                "ingest.restore_source",
                "scheduler.policy",
                "scheduler.policy_run",
                "recovery.recovery")) {
            assertThat(rows(table, doomed.id())).as(table).isZero();
        }
        for (String region : java.util.List.of("eu-west-1", "us-east-1")) {
            try (S3Client s3 = platform.objectStores().get(region).client()) {
                assertThat(s3.listObjectsV2(
                                        b -> b.bucket(Platform.bucket(region)).prefix("tenants/" + doomed.id()))
                                .contents())
                        .isEmpty();
                assertThat(s3.listObjectsV2(
                                        b -> b.bucket(Platform.bucket(region)).prefix(bystanderKey))
                                .contents())
                        .hasSize(1);
            }
        }
        // its administrator can no longer sign in, and its agent gets no API token
        assertThatThrownBy(doomed::token).hasMessageContaining("401");
        assertThat(Agents.accessToken(agent.apiToken())).isNull();
        // the other tenant is untouched
        Api.as(bystander.token())
                .when()
                .get("/api/v1/tenant")
                .then()
                .statusCode(200)
                .body("phase", equalTo("Active"));
        assertThat(Tenants.keyCount(bystander.id())).isEqualTo(2);
    }

    private static long rows(String table, UUID tenantId) throws Exception {
        return dev.cairn.it.support.Catalog.query("SELECT count(*) FROM " + table + " WHERE tenant_id = ?", tenantId);
    }
}
