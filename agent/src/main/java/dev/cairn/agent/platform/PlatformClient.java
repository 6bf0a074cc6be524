package dev.cairn.agent.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.agent.credentials.AgentCredentials;
import dev.cairn.data.chunk.ChunkId;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * The agent's calls to the platform with its own API identity (client credentials). Every call is safe to repeat, so
 * a connection failure or a 502/503/504 (a service restarting) is retried with exponential backoff for up to
 * {@code retryBudget}; a 4xx fails at once with the problem's detail.
 */
public final class PlatformClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final AgentCredentials credentials;
    private final String api;
    private final Duration retryBudget;
    private final HttpClient http;
    private String token;
    private Instant tokenExpiry = Instant.MIN;

    /** A client that goes through the proxy the environment names ({@link Proxies#fromEnvironment}), if any. */
    public PlatformClient(AgentCredentials credentials, String platformUrl, Duration retryBudget) {
        this(credentials, platformUrl, retryBudget, Proxies.fromEnvironment());
    }

    public PlatformClient(
            AgentCredentials credentials, String platformUrl, Duration retryBudget, java.net.ProxySelector proxy) {
        this.credentials = credentials;
        this.api = platformUrl.replaceAll("/+$", "");
        this.retryBudget = retryBudget;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .proxy(proxy)
                .build();
    }

    /** Which of {@code ids} the tenant lacks (at most 10,000 a call; larger sets are split). */
    public List<ChunkId> missing(Collection<ChunkId> ids) {
        List<ChunkId> all = List.copyOf(ids);
        List<ChunkId> missing = new ArrayList<>();
        for (int from = 0; from < all.size(); from += 10_000) {
            ObjectNode body = JSON.createObjectNode();
            var array = body.putArray("ids");
            all.subList(from, Math.min(all.size(), from + 10_000)).forEach(id -> array.add(id.hex()));
            JsonNode answer = call("POST", "/api/v1/chunks/missing", json(body), "application/json");
            answer.path("missing").forEach(id -> missing.add(ChunkId.parse(id.asText())));
        }
        return missing;
    }

    public JsonNode startBackup(String source) {
        ObjectNode body = JSON.createObjectNode().put("source", source);
        return call("POST", "/api/v1/backups", json(body), "application/json");
    }

    public JsonNode commitBackup(UUID backup, byte[] manifest) {
        return call(
                "PUT",
                "/api/v1/backups/" + backup + "/manifest",
                HttpRequest.BodyPublishers.ofByteArray(manifest),
                "application/octet-stream");
    }

    public JsonNode abortBackup(UUID backup, String reason) {
        ObjectNode body =
                JSON.createObjectNode().put("reason", reason.length() > 4000 ? reason.substring(0, 4000) : reason);
        return call("POST", "/api/v1/backups/" + backup + "/abort", json(body), "application/json");
    }

    public JsonNode backup(UUID backup) {
        return call("GET", "/api/v1/backups/" + backup, null, null);
    }

    public JsonNode backups(int limit) {
        return call("GET", "/api/v1/backups?limit=" + limit, null, null);
    }

    /** Where the given chunks of a backup are, with pre-signed URLs (at most 10,000 ids a call). */
    public JsonNode locations(UUID backup, Collection<ChunkId> ids) {
        ObjectNode body = JSON.createObjectNode();
        var array = body.putArray("ids");
        ids.forEach(id -> array.add(id.hex()));
        return call("POST", "/api/v1/backups/" + backup + "/locations", json(body), "application/json");
    }

    /** The agent's commands: what to start and what to cancel, waiting up to {@code waitSeconds} for one. */
    public JsonNode commands(int waitSeconds) {
        return call("GET", "/api/v1/agent/commands?wait=" + waitSeconds, null, null);
    }

    /** Reports a command's phase, progress or final report; answers whether the tenant asked to cancel it. */
    public JsonNode report(UUID command, JsonNode status) {
        return call("POST", "/api/v1/agent/commands/" + command + "/status", json(status), "application/json");
    }

    /** Reports the agent's and the cluster's state. */
    public JsonNode heartbeat(JsonNode facts) {
        return call("POST", "/api/v1/agent/heartbeat", json(facts), "application/json");
    }

    /** GETs {@code length} bytes at {@code offset} of a pre-signed URL, retrying like the API calls. */
    public InputStream range(String url, long offset, long length) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofMinutes(5))
                .header("Range", "bytes=" + offset + "-" + (offset + length - 1))
                .GET()
                .build();
        return retrying(() -> {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() == 206 || response.statusCode() == 200) {
                InputStream body = response.body();
                if (response.statusCode() == 200 && offset > 0) {
                    body.skipNBytes(offset);
                }
                return body;
            }
            String text = new String(response.body().readNBytes(2000), StandardCharsets.UTF_8);
            response.body().close();
            if (transient_(response.statusCode())) {
                throw new IOException("object storage answered " + response.statusCode());
            }
            throw new PlatformException(
                    response.statusCode(),
                    "object storage refused a range of a pack: " + response.statusCode() + " " + text);
        });
    }

    private JsonNode call(String method, String path, HttpRequest.BodyPublisher body, String contentType) {
        return retrying(() -> {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api + path))
                    .timeout(Duration.ofMinutes(2))
                    .header("Authorization", "Bearer " + token())
                    .header("Accept", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body);
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
            }
            if (status == 401) {
                tokenExpiry = Instant.MIN;
                throw new IOException("token refused; asking for a new one");
            }
            if (transient_(status)) {
                throw new IOException(method + " " + path + " answered " + status);
            }
            throw new PlatformException(status, method + " " + path + ": " + detail(response.body(), status));
        });
    }

    private synchronized String token() throws IOException, InterruptedException {
        if (token != null && Instant.now().isBefore(tokenExpiry)) {
            return token;
        }
        String form = "grant_type=client_credentials&client_id="
                + URLEncoder.encode(credentials.clientId(), StandardCharsets.UTF_8) + "&client_secret="
                + URLEncoder.encode(credentials.clientSecret(), StandardCharsets.UTF_8);
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(credentials.tokenUrl()))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 401 || response.statusCode() == 400) {
            throw new PlatformException(
                    401, "the platform refused this agent's credentials (revoked?): " + response.body());
        }
        if (response.statusCode() != 200) {
            throw new IOException("token endpoint answered " + response.statusCode());
        }
        JsonNode answer = JSON.readTree(response.body());
        token = answer.path("access_token").asText();
        tokenExpiry =
                Instant.now().plusSeconds(Math.max(10, answer.path("expires_in").asLong(60) - 30));
        return token;
    }

    private interface Attempt<T> {
        T run() throws IOException, InterruptedException;
    }

    private <T> T retrying(Attempt<T> attempt) {
        Instant deadline = Instant.now().plus(retryBudget);
        long backoff = 250;
        while (true) {
            try {
                return attempt.run();
            } catch (IOException e) {
                if (Instant.now().isAfter(deadline)) {
                    throw new PlatformException(
                            0,
                            "the platform stayed unreachable for " + retryBudget.toSeconds() + " s: " + e.getMessage());
                }
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new PlatformException(0, "interrupted");
                }
                backoff = Math.min(backoff * 2, 5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PlatformException(0, "interrupted");
            }
        }
    }

    private static boolean transient_(int status) {
        return status == 502 || status == 503 || status == 504 || status == 429;
    }

    private static HttpRequest.BodyPublisher json(JsonNode body) {
        try {
            return HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String detail(String body, int status) {
        try {
            JsonNode problem = JSON.readTree(body);
            String detail = problem.path("detail").asText("");
            return status + " " + problem.path("title").asText("") + (detail.isEmpty() ? "" : ": " + detail);
        } catch (IOException e) {
            return status + " " + (body.length() > 300 ? body.substring(0, 300) : body);
        }
    }
}
