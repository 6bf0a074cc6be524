package dev.cairn.testing.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.agent.registration.AgentRegistration;
import dev.cairn.api.agent.Heartbeat;
import dev.cairn.testing.servers.KeycloakServer;
import dev.cairn.testing.servers.MailServer;
import dev.cairn.testing.servers.ServerStartException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** Makes the local run's demo tenant and its agent through the same public API that users and agents call. */
final class DemoTenant {
    static final String CLUSTER = "local";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String api;
    private final KeycloakServer keycloak;
    private final MailServer mail;
    private final Path agentDir;

    DemoTenant(String api, KeycloakServer keycloak, MailServer mail, Path agentDir) {
        this.api = api;
        this.keycloak = keycloak;
        this.mail = mail;
        this.agentDir = agentDir;
    }

    /** The demo tenant: its id, and the one-time token of its demo cluster when that cluster was just made. */
    record Demo(String tenantId, String demoClusterToken) {}

    /**
     * Signs the demo tenant up (or finds it), registers its local agent once, and makes its demo cluster (the mock
     * Kubernetes cluster's) once.
     */
    Demo ensure(String email, String password) {
        String tenantId = ensureTenant(email, password);
        String token = keycloak.token("cairn", "cairn-cli", null, email, password);
        for (JsonNode cluster :
                json(send("GET", "/api/v1/clusters?limit=500", token, null)).path("items")) {
            if (cluster.path("name").asText().equals(DemoCluster.NAME)) {
                return new Demo(tenantId, null);
            }
        }
        JsonNode created = json(expect(201, send("POST", "/api/v1/clusters", token, Map.of("name", DemoCluster.NAME))));
        return new Demo(tenantId, created.path("registration").path("token").asText());
    }

    private String ensureTenant(String email, String password) {
        String tenantId;
        try {
            String token = keycloak.token("cairn", "cairn-cli", null, email, password);
            tenantId = json(expect(200, send("GET", "/api/v1/me", token, null)))
                    .path("tenantId")
                    .asText();
        } catch (IllegalStateException signInRefused) {
            tenantId = signUp(email, password);
        }
        String token = keycloak.token("cairn", "cairn-cli", null, email, password);
        JsonNode clusters =
                json(send("GET", "/api/v1/clusters?limit=500", token, null)).path("items");
        for (JsonNode cluster : clusters) {
            if (cluster.path("name").asText().equals(CLUSTER)) {
                return tenantId;
            }
        }
        JsonNode created = json(expect(201, send("POST", "/api/v1/clusters", token, Map.of("name", CLUSTER))));
        // the agent's own registration, as an in-cluster agent makes it: key pair, public half sent, answer kept
        try {
            AgentRegistration.register(
                    api,
                    created.path("registration").path("token").asText(),
                    new Heartbeat("local", "none (local directory mode)", 1, 0),
                    agentDir,
                    HttpClient.Builder.NO_PROXY); // the local platform is on this machine
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerStartException("interrupted", e);
        }
        return tenantId;
    }

    /** Signs up as a person would: the signup, then the link in the mail it sent. Answers the tenant's id. */
    private String signUp(String email, String password) {
        expect(
                202,
                send(
                        "POST",
                        "/api/v1/signup",
                        null,
                        Map.of(
                                "organisation", "Demo",
                                "email", email,
                                "password", password,
                                "homeRegion", "eu-west-1",
                                "drRegion", "us-east-1")));
        String token = signupToken(mail, api, email);
        return json(expect(201, send("POST", "/api/v1/signup/confirmations", null, Map.of("token", token))))
                .path("id")
                .asText();
    }

    /** The token of the last signup confirmation link mailed to {@code email} (waiting up to a minute for it). */
    static String signupToken(MailServer mail, String api, String email) {
        String prefix = api + "/signup/confirm?token=";
        return mail.await(email, m -> m.link(prefix).isPresent(), Duration.ofSeconds(60))
                .link(prefix)
                .orElseThrow()
                .substring(prefix.length());
    }

    private HttpResponse<String> send(String method, String path, String token, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api + path))
                    .timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .method(
                            method,
                            body == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerStartException("interrupted", e);
        }
    }

    private static HttpResponse<String> expect(int status, HttpResponse<String> response) {
        if (response.statusCode() != status) {
            throw new ServerStartException("demo tenant: " + response.request().method() + " "
                    + response.request().uri() + " answered " + response.statusCode() + " " + response.body());
        }
        return response;
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
