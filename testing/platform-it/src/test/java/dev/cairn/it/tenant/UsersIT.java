package dev.cairn.it.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.it.support.Http;
import dev.cairn.it.support.Tenants;
import dev.cairn.it.support.TestPlatform;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A tenant administrator invites users, changes their roles and removes them. */
class UsersIT {
    private static String users() {
        return TestPlatform.get().entryPoint() + "/api/v1/tenant/users";
    }

    @Test
    void anInvitedUserGetsAOneTimePasswordAndTheRoleAsked() {
        Tenants.SignedUp tenant = Tenants.free("Team Co");
        String email = "viewer-" + UUID.randomUUID() + "@example.test";

        HttpResponse<String> invited =
                Http.json("POST", users(), tenant.token(), Map.of("email", email, "role", "tenant-viewer"));

        assertThat(invited.statusCode()).as(invited.body()).isEqualTo(201);
        JsonNode invitation = Http.json(invited);
        assertThat(invitation.path("oneTimePassword").asText()).hasSizeGreaterThan(20);
        assertThat(invitation.path("user").path("mustSetPassword").asBoolean()).isTrue();
        JsonNode list = Http.json(Http.get(users(), tenant.token()));
        assertThat(list.findValuesAsText("email")).contains(email, tenant.email());
        assertThat(list.findValues("role").stream().map(JsonNode::asText)).contains("tenant-viewer", "tenant-admin");
        // the one-time password does not give a token until the user has chosen their own
        String tokenUrl = TestPlatform.get().keycloak().realmUrl("cairn") + "/protocol/openid-connect/token";
        HttpResponse<String> attempt = Http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(tokenUrl))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "grant_type=password&client_id=cairn-cli&username="
                                + java.net.URLEncoder.encode(email, java.nio.charset.StandardCharsets.UTF_8)
                                + "&password="
                                + invitation.path("oneTimePassword").asText()))
                .build());
        assertThat(attempt.statusCode()).isEqualTo(400);
        assertThat(attempt.body()).contains("not fully set up");
    }

    @Test
    void anAdministratorChangesARoleAndRemovesAUser() {
        Tenants.SignedUp tenant = Tenants.free("Roles Co");
        JsonNode invited = Http.json(Http.json(
                "POST",
                users(),
                tenant.token(),
                Map.of("email", "r-" + UUID.randomUUID() + "@example.test", "role", "tenant-viewer")));
        String userId = invited.path("user").path("id").asText();

        HttpResponse<String> changed =
                Http.json("PUT", users() + "/" + userId + "/role", tenant.token(), Map.of("role", "tenant-admin"));
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(Http.json(changed).path("role").asText()).isEqualTo("tenant-admin");

        assertThat(Http.json("DELETE", users() + "/" + userId, tenant.token(), null)
                        .statusCode())
                .isEqualTo(204);
        assertThat(Http.json(Http.get(users(), tenant.token())).findValuesAsText("id"))
                .doesNotContain(userId);
    }

    @Test
    void anAdministratorCannotDemoteOrRemoveThemselves() {
        Tenants.SignedUp tenant = Tenants.free("Self Co");
        String me = Http.json(Http.get(TestPlatform.get().entryPoint() + "/api/v1/me", tenant.token()))
                .path("subject")
                .asText();

        assertThat(Http.json("PUT", users() + "/" + me + "/role", tenant.token(), Map.of("role", "tenant-viewer"))
                        .statusCode())
                .isEqualTo(409);
        assertThat(Http.json("DELETE", users() + "/" + me, tenant.token(), null).statusCode())
                .isEqualTo(409);
    }

    @Test
    void anInvalidRoleIsRefused() {
        Tenants.SignedUp tenant = Tenants.free("Bad Role Co");
        HttpResponse<String> response = Http.json(
                "POST",
                users(),
                tenant.token(),
                Map.of("email", "x-" + UUID.randomUUID() + "@example.test", "role", "platform-admin"));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Http.json(response).path("errors").findValuesAsText("field")).contains("role");
    }
}
