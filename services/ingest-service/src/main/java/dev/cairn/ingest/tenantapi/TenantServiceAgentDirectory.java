package dev.cairn.ingest.tenantapi;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.api.agent.ClusterPhase;
import dev.cairn.ingest.IngestConfig;
import dev.cairn.ingest.agent.AgentDirectory;
import dev.cairn.ingest.agent.AgentIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Agents from the tenant service's internal API ({@code GET /internal/v1/agents/{id}}), called with the ingest
 * service's own client credentials, cached for a few seconds so that a revocation takes effect quickly.
 */
@ApplicationScoped
public class TenantServiceAgentDirectory implements AgentDirectory {
    /** Tolerates fields a newer tenant service adds. */
    private static final ObjectMapper JSON =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final IngestConfig config;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<UUID, Cached> cache = new ConcurrentHashMap<>();
    private String token;
    private Instant tokenExpiresAt = Instant.EPOCH;

    private record Cached(Optional<AgentIdentity> agent, Instant until) {}

    public TenantServiceAgentDirectory(IngestConfig config) {
        this.config = config;
    }

    @Override
    public Optional<AgentIdentity> find(UUID clusterId) {
        Cached cached = cache.get(clusterId);
        if (cached != null && cached.until().isAfter(Instant.now())) {
            return cached.agent();
        }
        Optional<AgentIdentity> agent = fetch(clusterId);
        cache.put(clusterId, new Cached(agent, Instant.now().plus(config.agentCacheTtl())));
        return agent;
    }

    private Optional<AgentIdentity> fetch(UUID clusterId) {
        HttpResponse<String> response =
                send(HttpRequest.newBuilder(URI.create(config.tenantServiceUrl() + "/internal/v1/agents/" + clusterId))
                        .header("Authorization", "Bearer " + token())
                        .timeout(Duration.ofSeconds(10))
                        .build());
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException(
                    "tenant service answered " + response.statusCode() + " for agent " + clusterId);
        }
        dev.cairn.api.agent.AgentIdentity identity = read(response.body(), dev.cairn.api.agent.AgentIdentity.class);
        return Optional.of(new AgentIdentity(
                clusterId,
                identity.tenantId(),
                identity.phase() == ClusterPhase.Connected,
                Optional.ofNullable(identity.macKey()).map(Base64.getDecoder()::decode),
                identity.homeRegion()));
    }

    private synchronized String token() {
        if (token != null && tokenExpiresAt.isAfter(Instant.now().plusSeconds(30))) {
            return token;
        }
        String form = "grant_type=client_credentials&client_id=" + encode(config.clientId()) + "&client_secret="
                + encode(config.clientSecret());
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(config.tokenUrl()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .timeout(Duration.ofSeconds(10))
                .build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("no token for the ingest service: HTTP " + response.statusCode());
        }
        JsonNode body = read(response.body());
        token = body.path("access_token").asText();
        tokenExpiresAt = Instant.now().plusSeconds(body.path("expires_in").asLong(60));
        return token;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach " + request.uri().getAuthority() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(String body) {
        return read(body, JsonNode.class);
    }

    private static <T> T read(String body, Class<T> type) {
        try {
            return JSON.readValue(body, type);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable answer: " + e.getMessage(), e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
