package dev.cairn.agent.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.agent.credentials.AgentCredentials;
import dev.cairn.agent.json.Json;
import dev.cairn.api.agent.Heartbeat;
import dev.cairn.api.agent.backup.AbortBackup;
import dev.cairn.api.agent.backup.BackupView;
import dev.cairn.api.agent.backup.ChunkIds;
import dev.cairn.api.agent.backup.Locations;
import dev.cairn.api.agent.backup.MissingChunks;
import dev.cairn.api.agent.backup.PackUpload;
import dev.cairn.api.agent.backup.StartBackup;
import dev.cairn.api.agent.command.Delivery;
import dev.cairn.api.agent.command.StatusReport;
import dev.cairn.data.chunk.ChunkId;
import dev.cairn.data.record.TraceParent;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The agent's calls to the platform with its own API identity (client credentials). Every call is safe to repeat, so
 * a connection failure or a 502/503/504 (a service restarting) is retried with exponential backoff for up to
 * {@code retryBudget}; a 4xx fails at once with the problem's detail.
 */
public final class PlatformClient {
    private static final ObjectMapper JSON = Json.MAPPER;
    private final AgentCredentials credentials;
    private final String api;
    private final Duration retryBudget;
    private final HttpClient http;
    private final BackupTraces traces = new BackupTraces();
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

    /** Which of {@code ids} the tenant lacks (at most {@link ChunkIds#MAX} a call; larger sets are split). */
    public List<ChunkId> missing(Collection<ChunkId> ids) {
        List<ChunkId> all = List.copyOf(ids);
        List<ChunkId> missing = new ArrayList<>();
        for (int from = 0; from < all.size(); from += ChunkIds.MAX) {
            ChunkIds batch = new ChunkIds(all.subList(from, Math.min(all.size(), from + ChunkIds.MAX)).stream()
                    .map(ChunkId::hex)
                    .toList());
            MissingChunks answer = call("POST", "/api/v1/chunks/missing", json(batch), MissingChunks.class);
            answer.missing().forEach(id -> missing.add(ChunkId.parse(id)));
        }
        return missing;
    }

    /**
     * Starts a backup of {@code source}, with an {@code Idempotency-Key} of its own: a retry after a lost answer gets
     * the backup the first attempt started, never a second one left InProgress.
     */
    public BackupView startBackup(String source) {
        return startBackup(source, null);
    }

    /**
     * Starts a backup in the trace of the command that asked for it ({@code traceparent} of the command, null: none):
     * the ingest service links the backup's own trace to it, and the backup is traced for export when that trace is
     * ({@link BackupTraces}).
     */
    public BackupView startBackup(String source, String traceparent) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Idempotency-Key", UUID.randomUUID().toString());
        TraceParent.childOf(traceparent).ifPresent(child -> headers.put(TraceParent.HEADER, child));
        BackupView started = call(
                "POST",
                "/api/v1/backups",
                json(new StartBackup(source)),
                "application/json",
                headers,
                BackupView.class);
        traces.follow(started.id(), traceparent);
        return started;
    }

    /** The sampling of this agent's backups in progress. */
    public BackupTraces traces() {
        return traces;
    }

    public BackupView commitBackup(UUID backup, byte[] manifest) {
        return call(
                "PUT",
                "/api/v1/backups/" + backup + "/manifest",
                HttpRequest.BodyPublishers.ofByteArray(manifest),
                "application/octet-stream",
                traced(backup),
                BackupView.class);
    }

    /** Renews the lease of a backup in progress; its answer says until when. */
    public BackupView renewBackup(UUID backup) {
        return call("POST", "/api/v1/backups/" + backup + "/lease", null, null, traced(backup), BackupView.class);
    }

    public BackupView abortBackup(UUID backup, String reason) {
        return call(
                "POST",
                "/api/v1/backups/" + backup + "/abort",
                json(new AbortBackup(reason.length() > 4000 ? reason.substring(0, 4000) : reason)),
                "application/json",
                traced(backup),
                BackupView.class);
    }

    /** The headers of a request about a backup: its trace (the backup's id as trace id, as its Kafka records). */
    private Map<String, String> traced(UUID backup) {
        return Map.of(TraceParent.HEADER, traces.traceparent(backup));
    }

    public BackupView backup(UUID backup) {
        return call("GET", "/api/v1/backups/" + backup, null, null, BackupView.class);
    }

    /** Where the given chunks of a backup are, with pre-signed URLs (at most {@link ChunkIds#MAX} ids a call). */
    public Locations locations(UUID backup, Collection<ChunkId> ids) {
        ChunkIds body = new ChunkIds(ids.stream().map(ChunkId::hex).toList());
        return call("POST", "/api/v1/backups/" + backup + "/locations", json(body), Locations.class);
    }

    /** The agent's commands: what to start and what to cancel, waiting up to {@code waitSeconds} for one. */
    public Delivery commands(int waitSeconds) {
        return call("GET", "/api/v1/agent/commands?wait=" + waitSeconds, null, null, Delivery.class);
    }

    /** Reports a command's phase, progress or final report; answers whether the tenant asked to cancel it. */
    public StatusReport.Answer report(UUID command, StatusReport status) {
        return report(command, status, null);
    }

    /**
     * Reports on a command in the trace it was queued in ({@code traceparent} of the command, null: none), so that
     * the platform's log lines about it carry the trace id of the request that queued it.
     */
    public StatusReport.Answer report(UUID command, StatusReport status, String traceparent) {
        return call(
                "POST",
                "/api/v1/agent/commands/" + command + "/status",
                json(status),
                "application/json",
                TraceParent.childOf(traceparent)
                        .map(child -> Map.of(TraceParent.HEADER, child))
                        .orElse(Map.of()),
                StatusReport.Answer.class);
    }

    /** Sends the file a BROWSE command read for download (at most 1 GiB), retrying like the API calls. */
    public void sendCommandFile(UUID command, Path file) {
        try {
            call(
                    "PUT",
                    "/api/v1/agent/commands/" + command + "/file",
                    HttpRequest.BodyPublishers.ofFile(file),
                    "application/octet-stream",
                    JsonNode.class);
        } catch (java.io.FileNotFoundException e) {
            throw new PlatformException(0, "the file to send is gone: " + file);
        }
    }

    /** Reports the agent's and the cluster's state. */
    public void heartbeat(Heartbeat facts) {
        call("POST", "/api/v1/agent/heartbeat", json(facts), JsonNode.class);
    }

    /**
     * An upload slot for one pack of the backup (ADR 0025); the {@code idempotencyKey} makes a retried request answer
     * the same slot.
     */
    public PackUpload packSlot(UUID backup, String idempotencyKey) {
        return call(
                "POST",
                "/api/v1/backups/" + backup + "/packs",
                null,
                null,
                Map.of("Idempotency-Key", idempotencyKey, TraceParent.HEADER, traces.traceparent(backup)),
                PackUpload.class);
    }

    /**
     * PUTs an object of {@code size} bytes, the concatenation of {@code parts}, to a pre-signed URL with its MD5
     * (which the store checks on receipt), retrying like the API calls; parts are sent as they are, never joined.
     */
    public void put(String url, List<byte[]> parts, long size, String md5Base64) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofMinutes(5))
                .header("Content-MD5", md5Base64)
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofByteArrays(parts), size))
                .build();
        retrying(() -> {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status == 200 || status == 201 || status == 204) {
                return null;
            }
            if (transient_(status) || status == 500) {
                throw new IOException("object storage answered " + status);
            }
            String body = response.body();
            throw new PlatformException(
                    status,
                    "object storage refused a pack upload: " + status + " "
                            + (body.length() > 500 ? body.substring(0, 500) : body));
        });
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

    private <T> T call(String method, String path, HttpRequest.BodyPublisher json, Class<T> answer) {
        return call(method, path, json, "application/json", answer);
    }

    private <T> T call(
            String method, String path, HttpRequest.BodyPublisher body, String contentType, Class<T> answer) {
        return call(method, path, body, contentType, Map.of(), answer);
    }

    private <T> T call(
            String method,
            String path,
            HttpRequest.BodyPublisher body,
            String contentType,
            Map<String, String> headers,
            Class<T> answer) {
        return retrying(() -> {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api + path))
                    .timeout(Duration.ofMinutes(2))
                    .header("Authorization", "Bearer " + token())
                    .header("Accept", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body);
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            headers.forEach(request::header);
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return JSON.readValue(response.body().isEmpty() ? "{}" : response.body(), answer);
            }
            if (status == 401) {
                tokenExpiry = Instant.MIN;
                throw new IOException("token refused; asking for a new one");
            }
            if (transient_(status)) {
                throw new RetryLater(
                        method + " " + path + " answered " + detail(response.body(), status),
                        Backoff.retryAfter(response.headers().firstValue("Retry-After"), Instant.now()));
            }
            throw new PlatformException(status, method + " " + path + ": " + detail(response.body(), status));
        });
    }

    private synchronized String token() throws IOException, InterruptedException {
        if (token != null && Instant.now().isBefore(tokenExpiry)) {
            return token;
        }
        String form = "grant_type=client_credentials&client_id="
                + URLEncoder.encode(credentials.api().clientId(), StandardCharsets.UTF_8) + "&client_secret="
                + URLEncoder.encode(credentials.api().clientSecret(), StandardCharsets.UTF_8);
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(credentials.api().tokenUrl()))
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

    /** A transient refusal (429, 502-504), with the wait the platform asked for, if it did. */
    private static final class RetryLater extends IOException {
        private final transient java.util.Optional<Duration> retryAfter;

        RetryLater(String message, java.util.Optional<Duration> retryAfter) {
            super(message);
            this.retryAfter = retryAfter;
        }
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
                    Thread.sleep(Backoff.next(
                                    Duration.ofMillis(backoff),
                                    e instanceof RetryLater later ? later.retryAfter : java.util.Optional.empty(),
                                    java.util.concurrent.ThreadLocalRandom.current())
                            .toMillis());
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

    private static HttpRequest.BodyPublisher json(Object body) {
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
