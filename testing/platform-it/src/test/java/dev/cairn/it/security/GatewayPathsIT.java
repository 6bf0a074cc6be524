package dev.cairn.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.it.support.RawHttp;
import dev.cairn.it.support.TestPlatform;
import dev.cairn.testing.platform.Platform;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway routes only paths in normal form and says itself where a request came from: a crafted path ({@code ..},
 * {@code %2e%2e}, double and encoded slashes, dot segments with parameters) never reaches another service's path or
 * an internal one, and a client's {@code X-Forwarded-*} headers never reach a service. The requests go over a raw
 * socket: HTTP clients normalize paths before sending them.
 */
class GatewayPathsIT {
    private static Platform platform;
    private static URI entry;
    private static String token;

    @BeforeAll
    static void platform() {
        platform = TestPlatform.get();
        entry = URI.create(platform.entryPoint());
        token = platform.keycloak().token("cairn", "cairn-cli", null, Platform.DEMO_USER, platform.demoPassword());
    }

    /** Sends {@code GET target} exactly as written, with the tenant's token and {@code extra} header lines. */
    private static RawHttp.Answer get(String target, String... extra) {
        return RawHttp.send(entry, "GET", target, token, null, null, extra);
    }

    @Test
    void theRawClientReachesTheApiWithAPathInNormalForm() throws IOException {
        RawHttp.Answer me = get("/api/v1/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body()).contains(Platform.DEMO_USER);
    }

    @Test
    void dotSegmentsAndDoubleSlashesAreSentToTheirNormalFormNeverRoutedAsSent() throws IOException {
        // routed as sent, this reached the ingest service (its route) which then read /q/health or an internal path
        for (String[] c : new String[][] {
            {"/api/v1/backups/../../../q/health", "/q/health"},
            {"/api/v1/backups/%2e%2e/%2E%2E/%2e%2e/internal/v1/tenants", "/internal/v1/tenants"},
            {"/api/v1/clusters/../me?x=1", "/api/v1/me?x=1"},
            {"//api//v1/me", "/api/v1/me"},
        }) {
            RawHttp.Answer a = get(c[0]);
            assertThat(a.status()).as(c[0]).isEqualTo(308);
            assertThat(a.header("Location")).as(c[0]).isEqualTo(c[1]);
        }
        // the normal form is then routed as any other request
        assertThat(get("/api/v1/me?x=1").status()).isEqualTo(200);
    }

    @Test
    void aPathWithoutANormalFormIsRefusedAsAProblem() throws IOException {
        for (String path : new String[] {
            "/api/v1/backups/..%2f..%2f..%2finternal/v1/tenants",
            "/api/v1/backups/..%2F..%2F..%2Fq/health",
            "/api/v1/backups/..%5c..%5cinternal",
            "/api/v1/backups/..;x=1/..;x=1/..;x=1/internal/v1/tenants",
            "/api/v1/tenant/users/%00",
        }) {
            RawHttp.Answer a = get(path);
            assertThat(a.status()).as(path).isEqualTo(400);
            assertThat(a.header("Content-Type")).as(path).startsWith("application/problem+json");
            assertThat(a.body()).as(path).contains("https://cairn.dev/problems/bad-path");
        }
    }

    @Test
    void aQueryWithAMalformedEscapeIsRefusedAsAProblem() throws IOException {
        // before: Vert.x's own URI check answered these an empty 400, without problem+json
        for (String target :
                new String[] {"/api/v1/clusters?limit=%ZZ", "/api/v1/clusters?limit=%", "/api/v1/me?a=%4"}) {
            RawHttp.Answer a = get(target);
            assertThat(a.status()).as(target).isEqualTo(400);
            assertThat(a.header("Content-Type")).as(target).startsWith("application/problem+json");
            assertThat(a.body()).as(target).contains("https://cairn.dev/problems/bad-query");
        }
    }

    @Test
    void internalPathsAreNeverForwarded() throws IOException {
        RawHttp.Answer a = get("/internal/v1/tenants");
        assertThat(a.status()).isEqualTo(404);
        assertThat(a.body())
                .contains("https://cairn.dev/problems/not-found")
                .contains("nothing at /internal/v1/tenants");
    }

    @Test
    void aClientsForwardingHeadersNeverReachAService() throws IOException {
        // the portal builds its sign-in redirect from the forwarding headers it gets: only the gateway's may count
        RawHttp.Answer a = get(
                "/app",
                "X-Forwarded-Host: evil.example",
                "X-Forwarded-Port: 6666",
                "X-Forwarded-Proto: https",
                "X-Forwarded-Prefix: /evil",
                "Forwarded: host=evil.example;proto=https");
        assertThat(a.status()).isEqualTo(302);
        String location = URLDecoder.decode(a.header("Location"), StandardCharsets.UTF_8);
        assertThat(location)
                .contains("redirect_uri=http://" + entry.getHost() + ":" + entry.getPort() + "/app")
                .doesNotContain("evil")
                .doesNotContain("6666")
                .doesNotContain("https://" + entry.getHost());
        // the API still answers through the same gateway with the same headers
        RawHttp.Answer me = get("/api/v1/me", "X-Forwarded-Host: evil.example", "Forwarded: for=10.0.0.1");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body()).contains("\"username\":\"" + Platform.DEMO_USER + "\"");
    }
}
