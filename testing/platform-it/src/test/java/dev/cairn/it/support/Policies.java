package dev.cairn.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.UUID;

/** Test fixtures: backup policies made through the API. */
public final class Policies {
    private Policies() {}

    /** A policy body: nightly in Paris, keep 7 daily, for the cluster. */
    public static Map<String, Object> nightly(String clusterId, String name) {
        return Map.of(
                "name",
                name,
                "clusterId",
                clusterId,
                "backup",
                Map.of("includeNamespaces", java.util.List.of("shop")),
                "schedule",
                Map.of("cron", "0 2 * * *", "timeZone", "Europe/Paris"),
                "retention",
                Map.of("keepDaily", 7));
    }

    /** Creates a nightly policy for the tenant's cluster; answers it. */
    public static JsonNode create(Tenants.SignedUp tenant, String clusterId, String name) {
        return Api.as(tenant.token())
                .body(nightly(clusterId, name))
                .when()
                .post("/api/v1/policies")
                .then()
                .statusCode(201)
                .extract()
                .as(JsonNode.class);
    }

    /** A valid body naming a cluster nobody has, for probes that must not get past ownership checks. */
    public static String probeBody() {
        return "{\"name\":\"probe\",\"clusterId\":\"" + UUID.randomUUID() + "\",\"schedule\":{\"cron\":\"@daily\"}}";
    }
}
