package dev.cairn.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.UUID;

/** Test fixtures: backup policies made through the API. */
public final class Policies {
    private Policies() {}

    /** A policy body: nightly in Paris, keep 7 daily, for the cluster. */
    public static Map<String, Object> nightly(String clusterId, String name) {
        return body(clusterId, name, Map.of("cron", "0 2 * * *", "timeZone", "Europe/Paris"), Map.of("keepDaily", 7));
    }

    /** A policy body backing up namespace "shop" of the cluster, with this schedule and retention. */
    private static Map<String, Object> body(
            String clusterId, String name, Map<String, Object> schedule, Map<String, Object> retention) {
        return Map.of(
                "name",
                name,
                "clusterId",
                clusterId,
                "backup",
                Map.of("includeNamespaces", java.util.List.of("shop")),
                "schedule",
                schedule,
                "retention",
                retention);
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

    /** Creates a policy that fires at every whole minute (no jitter), keeping the last five; answers its id. */
    public static String everyMinute(Tenants.SignedUp tenant, String clusterId, String name) {
        return everyMinute(tenant, clusterId, name, 5);
    }

    /** Creates a policy that fires at every whole minute (no jitter), keeping the last {@code keep}; its id. */
    public static String everyMinute(Tenants.SignedUp tenant, String clusterId, String name, int keep) {
        return Api.as(tenant.token())
                .body(body(clusterId, name, Map.of("cron", "* * * * *", "jitter", "PT0S"), Map.of("keepLast", keep)))
                .when()
                .post("/api/v1/policies")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /** The policy's latest runs, newest first. */
    public static java.util.List<JsonNode> runs(Tenants.SignedUp tenant, String policy) {
        java.util.List<JsonNode> runs = new java.util.ArrayList<>();
        Api.json(Api.as(tenant.token()).when().get("/api/v1/policies/" + policy + "/runs"))
                .path("items")
                .forEach(runs::add);
        return runs;
    }

    /** A valid body naming a cluster nobody has, for probes that must not get past ownership checks. */
    public static String probeBody() {
        return "{\"name\":\"probe\",\"clusterId\":\"" + UUID.randomUUID() + "\",\"schedule\":{\"cron\":\"@daily\"}}";
    }
}
