package dev.cairn.it.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.it.support.Http;
import dev.cairn.it.support.TestPlatform;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Self-service signup through the public API, with a real Keycloak user and real keys. */
class SignupIT {
    private static String signup() {
        return TestPlatform.get().entryPoint() + "/api/v1/signup";
    }

    private static Map<String, Object> request(String email) {
        Map<String, Object> body = new HashMap<>();
        body.put("organisation", "Acme Robotics");
        body.put("email", email);
        body.put("password", "correct-horse-battery");
        body.put("homeRegion", "eu-west-1");
        body.put("drRegion", "us-east-1");
        return body;
    }

    private static String email() {
        return "admin-" + UUID.randomUUID() + "@acme.test";
    }

    @Test
    void signupCreatesAFreeTenantWhoseAdminCanSignIn() {
        String email = email();
        HttpResponse<String> response = Http.json("POST", signup(), null, request(email));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode tenant = Http.json(response);
        assertThat(tenant.path("plan").asText()).isEqualTo("FREE");
        assertThat(tenant.path("quotaBytes").asLong()).isEqualTo(1_000_000_000_000L);
        assertThat(tenant.path("homeRegion").asText()).isEqualTo("eu-west-1");
        assertThat(tenant.path("drRegion").asText()).isEqualTo("us-east-1");
        assertThat(tenant.path("phase").asText()).isEqualTo("Active");

        // the administrator signs in, and the token names the new tenant
        String token = TestPlatform.get().keycloak().token("cairn", "cairn-cli", null, email, "correct-horse-battery");
        JsonNode me = Http.json(Http.get(TestPlatform.get().entryPoint() + "/api/v1/me", token));
        assertThat(me.path("tenantId").asText()).isEqualTo(tenant.path("id").asText());
        assertThat(me.path("roles").toString()).contains("tenant-admin");
        JsonNode mine = Http.json(Http.get(TestPlatform.get().entryPoint() + "/api/v1/tenant", token));
        assertThat(mine.path("name").asText()).isEqualTo("Acme Robotics");
    }

    @Test
    void repeatingTheSameSignupAnswersWithTheSameTenant() {
        String email = email();
        HttpResponse<String> first = Http.json("POST", signup(), null, request(email));
        HttpResponse<String> again = Http.json("POST", signup(), null, request(email));

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(Http.json(again).path("id").asText())
                .isEqualTo(Http.json(first).path("id").asText());
    }

    @Test
    void anotherSignupWithATakenEmailIsRefused() {
        String email = email();
        assertThat(Http.json("POST", signup(), null, request(email)).statusCode())
                .isEqualTo(201);

        Map<String, Object> other = request(email.toUpperCase());
        other.put("organisation", "Someone Else");
        HttpResponse<String> response = Http.json("POST", signup(), null, other);
        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");

        Map<String, Object> wrongPassword = request(email);
        wrongPassword.put("password", "not-the-same-password");
        assertThat(Http.json("POST", signup(), null, wrongPassword).statusCode())
                .isEqualTo(409);
    }

    @Test
    void badInputIsRefusedWithTheFieldsAtFault() {
        Map<String, Object> bad = request("not-an-email");
        bad.put("password", "short");
        HttpResponse<String> response = Http.json("POST", signup(), null, bad);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(Http.json(response).path("errors").findValuesAsText("field")).contains("email", "password");
    }

    @Test
    void unknownOrEqualRegionsAreRefused() {
        Map<String, Object> unknown = request(email());
        unknown.put("homeRegion", "mars-1");
        HttpResponse<String> response = Http.json("POST", signup(), null, unknown);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Http.json(response).path("detail").asText()).contains("mars-1");

        Map<String, Object> same = request(email());
        same.put("drRegion", "eu-west-1");
        assertThat(Http.json("POST", signup(), null, same).statusCode()).isEqualTo(400);
    }

    @Test
    void malformedJsonAndUnknownFieldsAreRefused() {
        assertThat(Http.json("POST", signup(), null, "{\"organisation\": ").statusCode())
                .isEqualTo(400);
        Map<String, Object> extra = request(email());
        extra.put("plan", "ENTERPRISE");
        HttpResponse<String> response = Http.json("POST", signup(), null, extra);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at dev.cairn");
    }
}
