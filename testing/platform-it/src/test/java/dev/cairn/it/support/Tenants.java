package dev.cairn.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.testing.platform.Platform;
import io.restassured.http.ContentType;
import java.util.Map;
import java.util.UUID;

/** Test fixtures: tenants signed up through the public API, and their users' tokens. */
public final class Tenants {
    private Tenants() {}

    /** A lock per administrator's email: their sign-ins one at a time ({@link SignedUp#token()}). */
    private static final java.util.concurrent.ConcurrentHashMap<String, Object> SIGN_INS =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** A tenant signed up on the Free plan in eu-west-1 with us-east-1 for disaster recovery. */
    public static SignedUp free(String organisation) {
        String email =
                organisation.toLowerCase().replaceAll("[^a-z0-9]", "") + "-" + UUID.randomUUID() + "@example.test";
        String password = "pw-" + UUID.randomUUID();
        Api.anonymous()
                .body(Map.of(
                        "organisation", organisation,
                        "email", email,
                        "password", password,
                        "homeRegion", "eu-west-1",
                        "drRegion", "us-east-1"))
                .when()
                .post("/api/v1/signup")
                .then()
                .statusCode(202);
        JsonNode tenant = confirm(email).then().statusCode(201).extract().as(JsonNode.class);
        return new SignedUp(UUID.fromString(tenant.path("id").asText()), email, password);
    }

    /** Follows the last signup confirmation link mailed to {@code email}, as its owner would. */
    public static io.restassured.response.Response confirm(String email) {
        return Api.anonymous()
                .body(Map.of("token", TestPlatform.get().signupToken(email)))
                .when()
                .post("/api/v1/signup/confirmations");
    }

    /** The platform's demo tenant (made at every start, as {@code ./cairn up} makes it), with its cluster "demo". */
    public static SignedUp demo() {
        Platform platform = TestPlatform.get();
        return new SignedUp(UUID.fromString(platform.demoTenantId()), Platform.DEMO_USER, platform.demoPassword());
    }

    /** The tenant's phase as the tenant service's table holds it (also after its users are gone), or null. */
    public static String phase(UUID tenantId) throws java.sql.SQLException {
        return first("SELECT phase FROM tenant.tenant WHERE id = ?", tenantId);
    }

    /** How many data keys the tenant has (zero once they are destroyed). */
    public static int keyCount(UUID tenantId) throws java.sql.SQLException {
        return Integer.parseInt(first("SELECT count(*) FROM tenant.tenant_key WHERE tenant_id = ?", tenantId));
    }

    private static String first(String sql, UUID tenantId) throws java.sql.SQLException {
        try (java.sql.Connection c = TestPlatform.get().postgres().connect(Platform.DATABASE);
                java.sql.PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, tenantId);
            try (java.sql.ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /**
     * A signed-up tenant and its first administrator.
     *
     * @param id the tenant id
     * @param email the administrator's email
     * @param password the administrator's password
     */
    public record SignedUp(UUID id, String email, String password) {
        /**
         * A fresh access token of the administrator (client cairn-cli). One sign-in of a user at a time: Keycloak's
         * brute-force protection refuses a user's concurrent sign-ins ({@code user_temporarily_disabled}), and an
         * await's polling thread may still be signing in when the test's own thread does.
         */
        public String token() {
            synchronized (SIGN_INS.computeIfAbsent(email, e -> new Object())) {
                return TestPlatform.get().keycloak().token("cairn", "cairn-cli", null, email, password);
            }
        }

        /** The tenant's backups, newest first, as the API lists them to its administrator. */
        public JsonNode backups() {
            return Api.as(token())
                    .when()
                    .get("/api/v1/backups")
                    .then()
                    .statusCode(200)
                    .contentType(ContentType.JSON)
                    .extract()
                    .as(JsonNode.class)
                    .path("items");
        }
    }
}
