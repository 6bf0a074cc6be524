package dev.cairn.it.security;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import dev.cairn.it.support.Api;
import dev.cairn.it.support.TestPlatform;
import dev.cairn.testing.platform.Platform;
import dev.cairn.testing.servers.KeycloakServer;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Services accept tokens of the Keycloak realm "cairn" for the Cairn API, and nothing else. */
class TokenValidationIT {
    private static Platform platform;
    private static KeycloakServer keycloak;
    private static final String ME = "/api/v1/me";

    @BeforeAll
    static void platform() {
        platform = TestPlatform.get();
        keycloak = platform.keycloak();
    }

    private static String demoToken(String clientId) {
        return keycloak.token("cairn", clientId, null, Platform.DEMO_USER, platform.demoPassword());
    }

    @Test
    void aTokenIssuedByTheRealmIsAcceptedAndCarriesTheTenant() {
        Api.as(demoToken("cairn-cli"))
                .when()
                .get(ME)
                .then()
                .statusCode(200)
                .body("username", equalTo(Platform.DEMO_USER))
                .body("tenantId", equalTo(platform.demoTenantId()))
                .body("roles", hasItem("tenant-admin"));
    }

    @Test
    void theServiceItselfAcceptsTheTokenBehindTheGateway() {
        Api.service("tenant")
                .auth()
                .oauth2(demoToken("cairn-cli"))
                .when()
                .get(ME)
                .then()
                .statusCode(200);
    }

    @Test
    void aRequestWithoutATokenIsRefusedWithAProblem() {
        assertUnauthorized(Api.anonymous().when().get(ME)).header("WWW-Authenticate", startsWith("Bearer"));
    }

    @Test
    void aForgedTokenIsRefused() throws Exception {
        // given: a real token's header and claims, signed with a key the realm never saw
        String[] real = demoToken("cairn-cli").split("\\.");
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        var keys = generator.generateKeyPair();
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(keys.getPrivate());
        rsa.update((real[0] + "." + real[1]).getBytes(StandardCharsets.US_ASCII));
        String forged = real[0] + "." + real[1] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());

        assertUnauthorized(Api.as(forged).when().get(ME));
    }

    @Test
    void aTokenWithTamperedClaimsIsRefused() {
        String[] real = demoToken("cairn-cli").split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(real[1]), StandardCharsets.UTF_8)
                .replace(platform.demoTenantId(), "00000000-0000-0000-0000-000000000000");
        String tampered = real[0] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(claims.getBytes(StandardCharsets.UTF_8))
                + "." + real[2];

        assertUnauthorized(Api.as(tampered).when().get(ME));
    }

    @Test
    void aTokenOfAnotherRealmIsRefused() {
        assertUnauthorized(Api.as(keycloak.adminToken()).when().get(ME));
    }

    @Test
    void aTokenNotMeantForTheCairnApiIsRefused() {
        // the demo user's token from the realm's built-in admin-cli client, which lacks the cairn-api audience
        String token = demoToken("admin-cli");
        assertUnauthorized(Api.as(token).when().get(ME));
    }

    @Test
    void anExpiredTokenIsRefused() {
        // given: a client whose tokens live two seconds
        createShortLivedClient("it-short-lived", 2);
        String token = demoToken("it-short-lived");
        Api.as(token).when().get(ME).then().statusCode(200);

        // then: once expired (plus the services' 5 s clock-skew grace), it is refused
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertUnauthorized(Api.as(token).when().get(ME)));
    }

    private static ValidatableResponse assertUnauthorized(Response response) {
        return response.then().statusCode(401).contentType(Api.PROBLEM).body("status", equalTo(401));
    }

    private static void createShortLivedClient(String clientId, int lifespanSeconds) {
        var client = Api.JSON
                .createObjectNode()
                .put("clientId", clientId)
                .put("publicClient", true)
                .put("directAccessGrantsEnabled", true)
                .put("standardFlowEnabled", false);
        client.putObject("attributes").put("access.token.lifespan", String.valueOf(lifespanSeconds));
        var mappers = client.putArray("protocolMappers");
        mappers.addObject()
                .put("name", "audience")
                .put("protocol", "openid-connect")
                .put("protocolMapper", "oidc-audience-mapper")
                .putObject("config")
                .put("included.custom.audience", "cairn-api")
                .put("access.token.claim", "true");
        for (String claim : List.of("tenant_id", "partner_id")) {
            mappers.addObject()
                    .put("name", claim)
                    .put("protocol", "openid-connect")
                    .put("protocolMapper", "oidc-usermodel-attribute-mapper")
                    .putObject("config")
                    .put("user.attribute", claim)
                    .put("claim.name", claim)
                    .put("jsonType.label", "String")
                    .put("access.token.claim", "true");
        }
        given().baseUri(keycloak.url())
                .auth()
                .oauth2(keycloak.adminToken())
                .contentType(ContentType.JSON)
                .body(client.toString())
                .when()
                .post("/admin/realms/cairn/clients")
                .then()
                .statusCode(anyOf(equalTo(201), equalTo(409)));
    }
}
