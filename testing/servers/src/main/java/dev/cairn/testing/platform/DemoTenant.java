package dev.cairn.testing.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.agent.registration.AgentRegistration;
import dev.cairn.api.agent.Heartbeat;
import dev.cairn.testing.servers.KeycloakServer;
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
    private final Path agentDir;

    DemoTenant(String api, KeycloakServer keycloak, Path agentDir) {
        this.api = api;
        this.keycloak = keycloak;
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
        HttpResponse<String> signup = send(
                "POST",
                "/api/v1/signup",
                null,
                Map.of(
                        "organisation", "Demo",
                        "email", email,
                        "password", password,
                        "homeRegion", "eu-west-1",
                        "drRegion", "us-east-1"));
        if (signup.statusCode() != 201 && signup.statusCode() != 200) {
            throw new ServerStartException("cannot sign the demo tenant up: HTTP " + signup.statusCode() + " "
                    + signup.body() + " (delete the data folder to start afresh)");
        }
        String tenantId = json(signup).path("id").asText();
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
