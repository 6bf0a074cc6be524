package dev.cairn.it.tenant;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.it.support.Api;
import dev.cairn.it.support.TestPlatform;
import io.restassured.response.Response;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Self-service signup through the public API, with a real Keycloak user and real keys. */
class SignupIT {
    private static Response signup(Object body) {
        return Api.anonymous().body(body).when().post("/api/v1/signup");
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
        JsonNode tenant = signup(request(email))
                .then()
                .statusCode(201)
                .body("plan", equalTo("FREE"))
                .body("quotaBytes", equalTo(1_000_000_000_000L))
                .body("homeRegion", equalTo("eu-west-1"))
                .body("drRegion", equalTo("us-east-1"))
                .body("phase", equalTo("Active"))
                .extract()
                .as(JsonNode.class);

        // the administrator signs in, and the token names the new tenant
        String token = TestPlatform.get().keycloak().token("cairn", "cairn-cli", null, email, "correct-horse-battery");
        Api.as(token)
                .when()
                .get("/api/v1/me")
                .then()
                .statusCode(200)
                .body("tenantId", equalTo(tenant.path("id").asText()))
                .body("roles", hasItems("tenant-admin"));
        Api.as(token).when().get("/api/v1/tenant").then().statusCode(200).body("name", equalTo("Acme Robotics"));
    }

    @Test
    void repeatingTheSameSignupAnswersWithTheSameTenant() {
        String email = email();
        String first = signup(request(email)).then().statusCode(201).extract().path("id");
        signup(request(email)).then().statusCode(200).body("id", equalTo(first));
    }

    @Test
    void anotherSignupWithATakenEmailIsRefused() {
        String email = email();
        signup(request(email)).then().statusCode(201);

        Map<String, Object> other = request(email.toUpperCase());
        other.put("organisation", "Someone Else");
        signup(other).then().statusCode(409).contentType(Api.PROBLEM);

        Map<String, Object> wrongPassword = request(email);
        wrongPassword.put("password", "not-the-same-password");
        signup(wrongPassword).then().statusCode(409).contentType(Api.PROBLEM);
    }

    @Test
    void badInputIsRefusedWithTheFieldsAtFault() {
        Map<String, Object> bad = request("not-an-email");
        bad.put("password", "short");
        signup(bad).then().statusCode(400).contentType(Api.PROBLEM).body("errors.field", hasItems("email", "password"));
    }

    @Test
    void unknownOrEqualRegionsAreRefused() {
        Map<String, Object> unknown = request(email());
        unknown.put("homeRegion", "mars-1");
        signup(unknown).then().statusCode(400).contentType(Api.PROBLEM).body("detail", containsString("mars-1"));

        Map<String, Object> same = request(email());
        same.put("drRegion", "eu-west-1");
        signup(same).then().statusCode(400).contentType(Api.PROBLEM);
    }

    @Test
    void malformedJsonAndUnknownFieldsAreRefused() {
        signup("{\"organisation\": ").then().statusCode(400).contentType(Api.PROBLEM);
        Map<String, Object> extra = request(email());
        extra.put("plan", "ENTERPRISE");
        signup(extra)
                .then()
                .statusCode(400)
                .contentType(Api.PROBLEM)
                .body(not(containsString("Exception")))
                .body(not(containsString("at dev.cairn")));
    }

    /**
     * Signup is the only way in (issue 17, item 1): Keycloak's own registration page, which would make a user of no
     * tenant, is switched off in the realm.
     */
    @Test
    void keycloaksOwnRegistrationIsOff() {
        io.restassured.RestAssured.given()
                .redirects()
                .follow(false)
                .queryParam("client_id", "cairn-cli")
                .queryParam("response_type", "code")
                .queryParam("scope", "openid")
                .queryParam("redirect_uri", "http://localhost/")
                .when()
                .get(TestPlatform.get().keycloak().realmUrl("cairn") + "/protocol/openid-connect/registrations")
                .then()
                .statusCode(400)
                .body(containsString("Registration not allowed"));
    }
}
