package dev.cairn.cli.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/** The platform's HTTP API and its OpenID Connect endpoints, as the CLI calls them. */
public final class Api {
    public static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private Api() {}

    /** {@code GET url} as JSON; problem answers become a {@link CliException} with their detail. */
    public static JsonNode get(String url, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return answer(send(request.build()));
    }

    /** {@code POST url} with a JSON body. */
    public static Response postJson(String url, Object body, String bearer) {
        return postJson(url, body, bearer, null);
    }

    /** {@code POST url} with a JSON body and an {@code Idempotency-Key} (null: none). */
    public static Response postJson(String url, Object body, String bearer, String idempotencyKey) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            if (bearer != null) {
                request.header("Authorization", "Bearer " + bearer);
            }
            if (idempotencyKey != null) {
                request.header("Idempotency-Key", idempotencyKey);
            }
            HttpResponse<String> response = send(request.build());
            return new Response(response.statusCode(), answer(response));
        } catch (IOException e) {
            throw new CliException("cannot encode the request: " + e.getMessage());
        }
    }

    /** {@code DELETE url}; problem answers become a {@link CliException}. */
    public static void delete(String url, String bearer) {
        answer(send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + bearer)
                .DELETE()
                .build()));
    }

    /** A form post to an OpenID Connect endpoint; returns the status and JSON body, errors included. */
    public static Response postForm(String url, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
        return new Response(response.statusCode(), parse(response.body()));
    }

    /** {@code GET url} as bytes (a document, a signature, a key); problem answers become a {@link CliException}. */
    public static byte[] getBytes(String url, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        try {
            HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() >= 400) {
                answer(new String(response.body(), java.nio.charset.StandardCharsets.UTF_8), response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new CliException(
                    "cannot reach " + url + " (" + e.getMessage() + "): is the platform up (./cairn up)?");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
    }

    /**
     * {@code GET url} into {@code file} as it arrives (a file of a backup, up to a gigabyte); problem answers become a
     * {@link CliException} and leave no file.
     */
    public static void download(String url, String bearer, java.nio.file.Path file) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofMinutes(30))
                .header("Authorization", "Bearer " + bearer)
                .build();
        try {
            HttpResponse<java.nio.file.Path> response = HTTP.send(request, HttpResponse.BodyHandlers.ofFile(file));
            if (response.statusCode() >= 400) {
                String problem = java.nio.file.Files.readString(file);
                java.nio.file.Files.deleteIfExists(file);
                answer(problem, response.statusCode());
            }
        } catch (IOException e) {
            throw new CliException(
                    "cannot reach " + url + " (" + e.getMessage() + "): is the platform up (./cairn up)?");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
    }

    /** A status and a JSON body. */
    public record Response(int status, JsonNode body) {}

    /** How many times a request the platform refused for now (429, 503) is sent again. */
    private static final int RETRIES = 3;

    /**
     * Sends the request; a {@code 429} or {@code 503} is sent again up to {@link #RETRIES} times after the wait its
     * {@code Retry-After} asks for (with jitter; {@code Backoff}), saying so on stderr.
     */
    private static HttpResponse<String> send(HttpRequest request) {
        try {
            Duration backoff = Duration.ofSeconds(1);
            for (int attempt = 0; ; attempt++) {
                HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                if ((response.statusCode() != 429 && response.statusCode() != 503) || attempt == RETRIES) {
                    return response;
                }
                Duration wait = dev.cairn.agent.platform.Backoff.next(
                        backoff,
                        dev.cairn.agent.platform.Backoff.retryAfter(
                                response.headers().firstValue("Retry-After"), java.time.Instant.now()),
                        java.util.concurrent.ThreadLocalRandom.current());
                System.err.printf(
                        "the platform answered %d; trying again in %.1f s%n",
                        response.statusCode(), wait.toMillis() / 1e3);
                Thread.sleep(wait.toMillis());
                backoff = backoff.multipliedBy(2);
            }
        } catch (IOException e) {
            throw new CliException("cannot reach " + request.uri().getScheme() + "://"
                    + request.uri().getAuthority() + " (" + e.getMessage() + "): is the platform up (./cairn up)?");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
    }

    private static JsonNode answer(HttpResponse<String> response) {
        return answer(response.body(), response.statusCode());
    }

    private static JsonNode answer(String text, int status) {
        JsonNode body = parse(text);
        if (status >= 400) {
            String detail =
                    body.path("detail").asText(body.path("error_description").asText(text));
            StringBuilder message = new StringBuilder(detail.isBlank() ? "HTTP " + status : detail);
            for (JsonNode error : body.path("errors")) {
                message.append("\n  ")
                        .append(error.path("field").asText())
                        .append(": ")
                        .append(error.path("message").asText());
            }
            throw new CliException(message.toString());
        }
        return body;
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode().put("detail", body);
        }
    }
}
