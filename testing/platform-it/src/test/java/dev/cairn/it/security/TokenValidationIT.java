package dev.cairn.it.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.it.support.Http;
import dev.cairn.it.support.TestPlatform;
import dev.cairn.testing.platform.Platform;
import dev.cairn.testing.servers.KeycloakServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
    private static String me;

    @BeforeAll
    static void platform() {
        platform = TestPlatform.get();
        keycloak = platform.keycloak();
        me = platform.entryPoint() + "/api/v1/me";
    }

    private static String demoToken(String clientId) {
        return keycloak.token("cairn", clientId, null, Platform.DEMO_USER, platform.demoPassword());
    }

    @Test
    void aTokenIssuedByTheRealmIsAcceptedAndCarriesTheTenant() {
        HttpResponse<String> response = Http.get(me, demoToken("cairn-cli"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = Http.json(response);
        assertThat(body.path("username").asText()).isEqualTo(Platform.DEMO_USER);
        assertThat(body.path("tenantId").asText()).isEqualTo(platform.demoTenantId());
        assertThat(body.path("roles").toString()).contains("tenant-admin");
    }

    @Test
    void theServiceItselfAcceptsTheTokenBehindTheGateway() {
        String direct = platform.services().get("tenant").url() + "/api/v1/me";
        assertThat(Http.get(direct, demoToken("cairn-cli")).statusCode()).isEqualTo(200);
    }

    @Test
    void aRequestWithoutATokenIsRefusedWithAProblem() {
        HttpResponse<String> response = Http.get(me, null);

        assertUnauthorized(response);
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
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

        assertUnauthorized(Http.get(me, forged));
    }

    @Test
    void aTokenWithTamperedClaimsIsRefused() {
        String[] real = demoToken("cairn-cli").split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(real[1]), StandardCharsets.UTF_8)
                .replace(platform.demoTenantId(), "00000000-0000-0000-0000-000000000000");
        String tampered = real[0] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(claims.getBytes(StandardCharsets.UTF_8))
                + "." + real[2];

        assertUnauthorized(Http.get(me, tampered));
    }

    @Test
    void aTokenOfAnotherRealmIsRefused() {
        assertUnauthorized(Http.get(me, keycloak.adminToken()));
    }

    @Test
    void aTokenNotMeantForTheCairnApiIsRefused() {
        // a service account of the realm, whose tokens lack the cairn-api audience
        String token = keycloak.token("cairn", "cairn-tenant-service", "cairn-local-tenant-service-secret", null, null);
        assertUnauthorized(Http.get(me, token));
    }

    @Test
    void anExpiredTokenIsRefused() {
        // given: a client whose tokens live two seconds
        createShortLivedClient("it-short-lived", 2);
        String token = demoToken("it-short-lived");
        assertThat(Http.get(me, token).statusCode()).isEqualTo(200);

        // then: once expired (plus the services' 5 s clock-skew grace), it is refused
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertUnauthorized(Http.get(me, token)));
    }

    private static void assertUnauthorized(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(Http.json(response).path("status").asInt()).isEqualTo(401);
    }

    private static void createShortLivedClient(String clientId, int lifespanSeconds) {
        var client = Http.JSON
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
        HttpResponse<String> created =
                Http.send(HttpRequest.newBuilder(URI.create(keycloak.url() + "/admin/realms/cairn/clients"))
                        .header("Authorization", "Bearer " + keycloak.adminToken())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(client.toString()))
                        .build());
        assertThat(created.statusCode()).as(created.body()).isIn(201, 409);
    }
}
