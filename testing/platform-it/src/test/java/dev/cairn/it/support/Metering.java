package dev.cairn.it.support;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** Test fixtures of metering: what it counted for a tenant, and plans as the operator defines them. */
public final class Metering {
    private Metering() {}

    /** The stored bytes metering counted for the tenant (its sum of STORED events). */
    public static long stored(UUID tenant) throws Exception {
        return Catalog.query("SELECT stored_bytes FROM metering.tenant_usage WHERE tenant_id = ?", tenant);
    }

    /**
     * Waits until the tenant's objects are replicated (their REPLICATED events written) and metering has counted every
     * usage event ingest and the tenant service wrote for the tenant (relays, topic, consumer).
     */
    public static void awaitCaughtUp(UUID tenant) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> Catalog.query("SELECT count(*) FROM ingest.replication_task WHERE tenant_id = ?", tenant)
                                == 0
                        && Catalog.query("SELECT count(*) FROM ingest.usage_event WHERE tenant_id = ?", tenant)
                                        + Catalog.query(
                                                "SELECT count(*) FROM tenant.usage_event WHERE tenant_id = ?", tenant)
                                == Catalog.query(
                                        "SELECT count(*) FROM metering.usage_event WHERE tenant_id = ?", tenant));
    }

    /** Defines a plan as the operator (idempotent on its code); its code. */
    public static String plan(String code, long limitBytes, String pricePerTbMonth, String pricePerClusterMonth) {
        Api.as(Operators.token())
                .body(Map.of(
                        "code", code,
                        "name", "Test plan " + code,
                        "storedBytesLimit", limitBytes,
                        "currency", "EUR",
                        "pricePerTbMonth", pricePerTbMonth,
                        "pricePerClusterMonth", pricePerClusterMonth))
                .when()
                .post("/api/v1/admin/plans")
                .then()
                .statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        return code;
    }

    /** Puts the tenant on the plan as the operator; the answer (tenant, plan, limit). */
    public static JsonNode putOnPlan(UUID tenant, String plan) {
        return Api.json(Api.as(Operators.token())
                .body(Map.of("plan", plan))
                .when()
                .put("/api/v1/admin/tenants/" + tenant + "/plan"));
    }

    /** The tenant's usage now, as its administrator reads it. */
    public static JsonNode current(Tenants.SignedUp tenant) {
        return Api.json(Api.as(tenant.token()).when().get("/api/v1/usage"));
    }
}
