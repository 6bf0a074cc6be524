package dev.cairn.it.tenant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.it.support.Api;
import dev.cairn.it.support.Tenants;
import dev.cairn.it.support.TestPlatform;
import io.restassured.http.ContentType;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A tenant administrator invites users, changes their roles and removes them. */
class UsersIT {
    private static final String USERS = "/api/v1/tenant/users";

    @Test
    void anInvitedUserGetsAOneTimePasswordAndTheRoleAsked() {
        Tenants.SignedUp tenant = Tenants.free("Team Co");
        String email = "viewer-" + UUID.randomUUID() + "@example.test";

        JsonNode invitation = Api.as(tenant.token())
                .body(Map.of("email", email, "role", "tenant-viewer"))
                .when()
                .post(USERS)
                .then()
                .statusCode(201)
                .body("user.mustSetPassword", equalTo(true))
                .extract()
                .as(JsonNode.class);
        assertThat(invitation.path("oneTimePassword").asText()).hasSizeGreaterThan(20);
        Api.as(tenant.token())
                .when()
                .get(USERS)
                .then()
                .statusCode(200)
                .body("items.email", hasItems(email, tenant.email()))
                .body("items.role", hasItems("tenant-viewer", "tenant-admin"));
        // the one-time password does not give a token until the user has chosen their own
        given().contentType(ContentType.URLENC)
                .formParam("grant_type", "password")
                .formParam("client_id", "cairn-cli")
                .formParam("username", email)
                .formParam("password", invitation.path("oneTimePassword").asText())
                .when()
                .post(TestPlatform.get().keycloak().realmUrl("cairn") + "/protocol/openid-connect/token")
                .then()
                .statusCode(400)
                .body(containsString("not fully set up"));
    }

    @Test
    void anAdministratorChangesARoleAndRemovesAUser() {
        Tenants.SignedUp tenant = Tenants.free("Roles Co");
        String userId = Api.as(tenant.token())
                .body(Map.of("email", "r-" + UUID.randomUUID() + "@example.test", "role", "tenant-viewer"))
                .when()
                .post(USERS)
                .then()
                .statusCode(201)
                .extract()
                .path("user.id");

        Api.as(tenant.token())
                .body(Map.of("role", "tenant-admin"))
                .when()
                .put(USERS + "/" + userId + "/role")
                .then()
                .statusCode(200)
                .body("role", equalTo("tenant-admin"));

        Api.as(tenant.token()).when().delete(USERS + "/" + userId).then().statusCode(204);
        Api.as(tenant.token()).when().get(USERS).then().statusCode(200).body("items.id", not(hasItems(userId)));
    }

    @Test
    void anAdministratorCannotDemoteOrRemoveThemselves() {
        Tenants.SignedUp tenant = Tenants.free("Self Co");
        String me =
                Api.as(tenant.token()).when().get("/api/v1/me").then().extract().path("subject");

        Api.as(tenant.token())
                .body(Map.of("role", "tenant-viewer"))
                .when()
                .put(USERS + "/" + me + "/role")
                .then()
                .statusCode(409)
                .contentType(Api.PROBLEM);
        Api.as(tenant.token())
                .when()
                .delete(USERS + "/" + me)
                .then()
                .statusCode(409)
                .contentType(Api.PROBLEM);
    }

    @Test
    void theListReadsRolesFromTheirMirrorAndRestoresAMissingOne() throws Exception {
        // given an invited viewer whose role mirror is gone (a user made before the mirror existed, say)
        Tenants.SignedUp tenant = Tenants.free("Mirror Co");
        String id = Api.as(tenant.token())
                .body(Map.of("email", "mirror-" + UUID.randomUUID() + "@example.test", "role", "tenant-viewer"))
                .when()
                .post(USERS)
                .then()
                .statusCode(201)
                .extract()
                .path("user.id");
        assertThat(roleMirror(id)).isEqualTo("tenant-viewer");
        JsonNode user = keycloakUser(id, "GET", null);
        ((com.fasterxml.jackson.databind.node.ObjectNode) user.path("attributes")).remove("tenant_role");
        keycloakUser(id, "PUT", user);
        assertThat(roleMirror(id)).isNull();

        // then the list still shows the role its mapping gives, and writes the mirror back
        Api.as(tenant.token())
                .when()
                .get(USERS)
                .then()
                .statusCode(200)
                .body("items.find { it.id == '" + id + "' }.role", equalTo("tenant-viewer"));
        assertThat(roleMirror(id)).isEqualTo("tenant-viewer");
        // and a role change moves the mirror with the mapping
        Api.as(tenant.token())
                .body(Map.of("role", "tenant-admin"))
                .when()
                .put(USERS + "/" + id + "/role")
                .then()
                .statusCode(200);
        assertThat(roleMirror(id)).isEqualTo("tenant-admin");
    }

    /** The user's {@code tenant_role} attribute in Keycloak, or null. */
    private static String roleMirror(String id) throws Exception {
        JsonNode mirror = keycloakUser(id, "GET", null).path("attributes").path("tenant_role");
        return mirror.isArray() && mirror.size() == 1 ? mirror.get(0).asText() : null;
    }

    /** Reads (GET) or replaces (PUT) a user of the realm through Keycloak's admin API. */
    private static JsonNode keycloakUser(String id, String method, JsonNode body) throws Exception {
        var keycloak = TestPlatform.get().keycloak();
        var request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(keycloak.url() + "/admin/realms/cairn/users/" + id))
                .header("Authorization", "Bearer " + keycloak.adminToken())
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null
                                ? java.net.http.HttpRequest.BodyPublishers.noBody()
                                : java.net.http.HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        try (var http = java.net.http.HttpClient.newHttpClient()) {
            var answer = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isBetween(200, 204);
            return answer.body().isEmpty() ? null : Api.JSON.readTree(answer.body());
        }
    }

    @Test
    void anInvalidRoleIsRefused() {
        Tenants.SignedUp tenant = Tenants.free("Bad Role Co");
        Api.as(tenant.token())
                .body(Map.of("email", "x-" + UUID.randomUUID() + "@example.test", "role", "platform-admin"))
                .when()
                .post(USERS)
                .then()
                .statusCode(400)
                .contentType(Api.PROBLEM)
                .body("errors.field", hasItems("role"));
    }
}
