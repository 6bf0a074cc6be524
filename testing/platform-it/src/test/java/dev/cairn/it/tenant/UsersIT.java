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
                .body("email", hasItems(email, tenant.email()))
                .body("role", hasItems("tenant-viewer", "tenant-admin"));
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
        Api.as(tenant.token()).when().get(USERS).then().statusCode(200).body("id", not(hasItems(userId)));
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
