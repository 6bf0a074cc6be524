package dev.cairn.it.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.it.support.Api;
import dev.cairn.it.support.TestPlatform;
import dev.cairn.testing.platform.Platform;
import dev.cairn.testing.servers.MailServer;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Self-service signup through the public API, confirmed through the mail sink, with a real Keycloak user and keys. */
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

    private static Response confirm(String token) {
        return Api.anonymous().body(Map.of("token", token)).when().post("/api/v1/signup/confirmations");
    }

    private static String token(String email) {
        return TestPlatform.get().signupToken(email);
    }

    private static boolean canSignIn(String email, String password) {
        try {
            TestPlatform.get().keycloak().token("cairn", "cairn-cli", null, email, password);
            return true;
        } catch (IllegalStateException refused) {
            return false;
        }
    }

    @Test
    void signupMailsALinkThatMakesAFreeTenantWhoseAdminCanSignIn() {
        String email = email();
        signup(request(email))
                .then()
                .statusCode(202)
                .body("email", equalTo(email))
                .body("confirmBy", notNullValue())
                .body("$", not(hasKey("id")));
        assertThat(canSignIn(email, "correct-horse-battery"))
                .as("nothing is made before the link is followed")
                .isFalse();

        JsonNode tenant = confirm(token(email))
                .then()
                .statusCode(201)
                .header("Location", endsWith("/api/v1/tenant"))
                .body("plan", equalTo("FREE"))
                .body("quotaBytes", equalTo(1_000_000_000_000L))
                .body("homeRegion", equalTo("eu-west-1"))
                .body("drRegion", equalTo("us-east-1"))
                .body("phase", equalTo("Active"))
                .extract()
                .as(JsonNode.class);

        // the administrator signs in with the password of the signup, and the token names the new tenant
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
    void followingTheLinkAgainAnswersTheSameTenant() {
        String email = email();
        signup(request(email)).then().statusCode(202);
        String token = token(email);
        String first = confirm(token).then().statusCode(201).extract().path("id");
        confirm(token).then().statusCode(200).body("id", equalTo(first));
    }

    /**
     * Whether an address has an account is not for anyone to learn from the signup (issue 17, item 1): the answer
     * has the same status and fields; the owner of the address gets a note instead of a link, and nothing changes.
     */
    @Test
    void aSignupForAnAddressWithAnAccountAnswersAlikeAndOnlyMailsItsOwner() {
        String email = email();
        signup(request(email)).then().statusCode(202);
        confirm(token(email)).then().statusCode(201);

        Map<String, Object> other = request(email.toUpperCase());
        other.put("organisation", "Someone Else");
        other.put("password", "someone-elses-password");
        JsonNode fresh = Api.json(
                signup(request(email())).then().statusCode(202).extract().response());
        JsonNode taken = Api.json(signup(other).then().statusCode(202).extract().response());
        assertThat(fieldNames(taken)).isEqualTo(fieldNames(fresh));

        MailServer.Mail note = TestPlatform.get()
                .mail()
                .await(email, m -> m.subject().equals("Your Cairn account"), Duration.ofSeconds(30));
        assertThat(note.text()).contains("has an account already").doesNotContain("token=");
        assertThat(canSignIn(email, "someone-elses-password")).isFalse();
        assertThat(canSignIn(email, "correct-horse-battery")).isTrue();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void ofTwoUnconfirmedSignupsTheOneFollowedFirstWinsAndTheOtherLinkDies() {
        String email = email();
        Map<String, Object> first = request(email);
        first.put("organisation", "First Attempt");
        signup(first).then().statusCode(202);
        String firstToken = token(email);
        Map<String, Object> second = request(email);
        second.put("organisation", "Second Attempt");
        signup(second).then().statusCode(202);
        await().alias("the second link is mailed")
                .atMost(Duration.ofSeconds(30))
                .until(() -> !token(email).equals(firstToken));

        confirm(token(email)).then().statusCode(201).body("name", equalTo("Second Attempt"));
        confirm(firstToken)
                .then()
                .statusCode(404)
                .contentType(Api.PROBLEM)
                .body("type", endsWith("/signup-link-invalid"));
    }

    /** Nobody can flood an address through the signup form: five mails per address and day, then none. */
    @Test
    void anAddressGetsAtMostFiveSignupMails() throws Exception {
        String email = email();
        for (int i = 0; i < 7; i++) {
            signup(request(email)).then().statusCode(202);
        }
        assertThat(rows("SELECT count(*) FROM tenant.signup_mail WHERE email = ?", email))
                .isEqualTo(5);
        await().alias("five mails arrive")
                .atMost(Duration.ofSeconds(30))
                .until(() -> TestPlatform.get().mail().to(email).size() == 5);
    }

    /** The password is never stored: only its PBKDF2 hash until the link is followed, then nothing. */
    @Test
    void theSignupKeepsOnlyAHashOfThePasswordAndDropsItOnConfirmation() throws Exception {
        String email = email();
        signup(request(email)).then().statusCode(202);
        assertThat(rows(
                        "SELECT count(*) FROM tenant.signup_mail WHERE email = ? AND password_hash IS NOT NULL"
                                + " AND length(password_hash) = 64 AND position(convert_to('correct-horse-battery',"
                                + " 'UTF8') in password_hash) = 0",
                        email))
                .isEqualTo(1);
        confirm(token(email)).then().statusCode(201);
        assertThat(rows(
                        "SELECT count(*) FROM tenant.signup_mail WHERE email = ? AND password_hash IS NULL"
                                + " AND password_salt IS NULL AND tenant_id IS NOT NULL",
                        email))
                .isEqualTo(1);
    }

    @Test
    void anUnknownOrMalformedLinkIsRefused() {
        confirm("an-unknown-token-of-the-right-shape-0000000")
                .then()
                .statusCode(404)
                .contentType(Api.PROBLEM)
                .body("type", endsWith("/signup-link-invalid"));
        confirm("not a token!").then().statusCode(400).contentType(Api.PROBLEM);
    }

    private static long rows(String sql, String email) throws java.sql.SQLException {
        try (java.sql.Connection c = TestPlatform.get().postgres().connect(Platform.DATABASE);
                java.sql.PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, email);
            try (java.sql.ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
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
