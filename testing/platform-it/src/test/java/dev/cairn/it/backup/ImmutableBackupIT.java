package dev.cairn.it.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.it.support.Agents;
import dev.cairn.it.support.Api;
import dev.cairn.it.support.Catalog;
import dev.cairn.it.support.LocalAgent;
import dev.cairn.it.support.Policies;
import dev.cairn.it.support.Tenants;
import dev.cairn.it.support.TestPlatform;
import dev.cairn.testing.platform.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Immutable backups (ADR 0033). The local platform's object store (s3proxy) does not implement object lock: a policy
 * that asks for immutability is refused, clearly, before anything is made. What the catalog does with a backup held
 * by a lock is checked by holding one in the catalog as the ingest service does once the store has locked its objects.
 */
class ImmutableBackupIT {
    @TempDir
    Path tmp;

    @Test
    void anImmutablePolicyIsRefusedClearlyWhereTheStoreCannotLockObjects() {
        Tenants.SignedUp tenant = Tenants.free("Immutable Policy Co");
        String cluster =
                Agents.createCluster(tenant, "prod").path("cluster").path("id").asText();
        Map<String, Object> policy = new HashMap<>(Policies.nightly(cluster, "locked"));
        policy.put("immutability", Map.of("period", "P30D"));

        refused(tenant, policy, 409)
                .body("type", endsWith("object-lock-unavailable"))
                .body("detail", containsString("eu-west-1"))
                .body("detail", containsString("501"));

        // bad periods and a retention that would outlive the lock are refused before the store is asked
        policy.put("immutability", Map.of("period", "PT1H"));
        refused(tenant, policy, 400).body("errors.field", hasItem("immutability.period"));
        policy.put("immutability", Map.of("period", "P30D"));
        policy.put("retention", Map.of("maxAge", "P7D"));
        refused(tenant, policy, 400).body("errors.field", hasItem("retention.maxAge"));

        // nothing was made
        assertThat(Api.json(Api.as(tenant.token()).when().get("/api/v1/policies"))
                        .path("items")
                        .size())
                .isZero();
    }

    @Test
    void anImmutableBackupShowsItsDateAndNobodyDeletesItBeforeThen() throws Exception {
        Tenants.SignedUp tenant = Tenants.free("Immutable Backup Co");
        LocalAgent agent = new LocalAgent(Agents.registered(tenant, "vault"), tmp.resolve("agent"));
        Path src = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(src.resolve("ledger.csv"), "2026-12-05,42\n");
        String backup = agent.backup(src).json().path("id").asText();
        Instant until = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        hold(backup, until);

        Api.as(tenant.token())
                .when()
                .get("/api/v1/backups/" + backup)
                .then()
                .statusCode(200)
                .body("immutableUntil", equalTo(until.toString()));
        JsonNode refused = Api.json(Api.as(tenant.token()).when().delete("/api/v1/backups/" + backup));
        assertThat(refused.path("status").asInt()).isEqualTo(409);
        assertThat(refused.path("type").asText()).endsWith("backup-immutable");
        assertThat(refused.path("immutableUntil").asText()).isEqualTo(until.toString());
        assertThat(refused.path("detail").asText()).contains(until.toString());
        // its copy in the DR region is to be held as long (CopyHolds): s3proxy cannot hold it, so it is counted as
        // not held yet, and the catalog never says otherwise
        String manifest = "tenants/" + tenant.id() + "/backups/" + backup + ".manifest";
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(Catalog.query("SELECT count(*) FROM ingest.object_copy WHERE object_key = ?", manifest))
                    .isEqualTo(1);
            assertThat(unheldCopies()).isGreaterThanOrEqualTo(1);
        });
        assertThat(Catalog.query(
                        "SELECT count(*) FROM ingest.object_copy WHERE object_key = ? AND locked_until IS NOT NULL",
                        manifest))
                .isZero();
        // another tenant does not even see it
        Tenants.SignedUp other = Tenants.free("Immutable Backup Other Co");
        Api.as(other.token()).when().delete("/api/v1/backups/" + backup).then().statusCode(404);
        assertThat(tenant.backups().findValuesAsText("id")).contains(backup);

        // once its date has passed, it goes like any other
        hold(backup, Instant.now().minusSeconds(1));
        Api.as(tenant.token()).when().delete("/api/v1/backups/" + backup).then().statusCode(204);
    }

    /**
     * The ingest service's immutability API, as the scheduler calls it: it says the home region cannot lock objects and
     * why, and refuses to hold a backup with the same clarity; only the scheduler may call it, for the backups of the
     * tenant named.
     */
    @Test
    void theIngestServiceSaysWhyItCannotHoldABackupAndHoldsNoOtherTenantsBackup() throws Exception {
        Tenants.SignedUp tenant = Tenants.free("Immutable Internal Co");
        LocalAgent agent = new LocalAgent(Agents.registered(tenant, "vault"), tmp.resolve("agent"));
        Path src = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(src.resolve("ledger.csv"), "2026-12-05,43\n");
        String backup = agent.backup(src).json().path("id").asText();
        String scheduler = TestPlatform.get().serviceToken("scheduler");
        String path = "/internal/v1/tenants/" + tenant.id() + "/immutability";
        Map<String, String> lock =
                Map.of("until", Instant.now().plus(1, ChronoUnit.DAYS).toString());

        ingestAs(scheduler)
                .when()
                .get(path)
                .then()
                .statusCode(200)
                .body("region", equalTo("eu-west-1"))
                .body("available", equalTo(false))
                .body("detail", containsString("501"));
        ingestAs(scheduler)
                .body(lock)
                .when()
                .put(path + "/backups/" + backup)
                .then()
                .statusCode(409)
                .contentType(Api.PROBLEM)
                .body("type", endsWith("object-lock-unavailable"))
                .body("region", equalTo("eu-west-1"))
                .body("support", equalTo("Unsupported"));
        // nothing was recorded as held
        Api.as(tenant.token())
                .when()
                .get("/api/v1/backups/" + backup)
                .then()
                .body("immutableUntil", org.hamcrest.Matchers.nullValue());

        // another tenant's id with this backup: not found; a date in the past: refused; the tenant itself: forbidden
        Tenants.SignedUp other = Tenants.free("Immutable Internal Other Co");
        ingestAs(scheduler)
                .body(lock)
                .when()
                .put("/internal/v1/tenants/" + other.id() + "/immutability/backups/" + backup)
                .then()
                .statusCode(404)
                .contentType(Api.PROBLEM);
        ingestAs(scheduler)
                .body(Map.of("until", "2020-01-01T00:00:00Z"))
                .when()
                .put(path + "/backups/" + backup)
                .then()
                .statusCode(400)
                .contentType(Api.PROBLEM);
        ingestAs(tenant.token())
                .body(lock)
                .when()
                .put(path + "/backups/" + backup)
                .then()
                .statusCode(403);
    }

    /** A policy the API refuses: its answer, a problem of {@code status}, to check further. */
    private static io.restassured.response.ValidatableResponse refused(
            Tenants.SignedUp tenant, Map<String, Object> policy, int status) {
        return Api.as(tenant.token())
                .body(policy)
                .when()
                .post("/api/v1/policies")
                .then()
                .statusCode(status)
                .contentType(Api.PROBLEM);
    }

    /** A request to the ingest service's internal API (its management interface) as the holder of {@code token}. */
    private static io.restassured.specification.RequestSpecification ingestAs(String token) {
        return Api.management("ingest").auth().oauth2(token);
    }

    /** DR copies of held objects that ingest's last round could not hold. */
    private static double unheldCopies() {
        Matcher m = Pattern.compile("(?m)^cairn_object_lock_copies_unheld (\\S+)$")
                .matcher(Api.management("ingest").when().get("/q/metrics").asString());
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }

    /** What the ingest service records once the store holds the backup's objects (s3proxy cannot lock them). */
    private static void hold(String backup, Instant until) throws Exception {
        try (Connection c = TestPlatform.get().postgres().connect(Platform.DATABASE);
                PreparedStatement s =
                        c.prepareStatement("UPDATE ingest.backup SET locked_until = ? WHERE id = ?::uuid")) {
            s.setTimestamp(1, Timestamp.from(until));
            s.setString(2, backup);
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
    }
}
