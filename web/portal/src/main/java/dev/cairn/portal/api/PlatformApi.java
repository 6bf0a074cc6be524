package dev.cairn.portal.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.portal.PortalConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Calls the public API ({@code /api/v1/**}) through the gateway, as the signed-in user (their bearer token) or
 * anonymously (signup, regions). Answers the JSON body; anything but 2xx becomes an {@link ApiProblem}.
 */
@ApplicationScoped
public class PlatformApi {
    private static final Logger LOG = Logger.getLogger(PlatformApi.class);

    /** The most pages {@link #every} reads of one list (with pages of 500: 10,000 items). */
    private static final int MAX_PAGES = 20;

    private final PortalConfig config;
    private final ObjectMapper json;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public PlatformApi(PortalConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
    }

    /** GET {@code /api/v1/<path>}. */
    public JsonNode get(String token, String path) {
        return send(token, request(path).GET());
    }

    /**
     * Every item of a cursor-paged list ({@code /api/v1/<path>}, its page size in the path), page after page up to
     * {@link #MAX_PAGES}, as one JSON array.
     */
    public com.fasterxml.jackson.databind.node.ArrayNode every(String token, String path) {
        var all = json.createArrayNode();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = get(
                    token,
                    cursor == null
                            ? path
                            : path + (path.contains("?") ? "&" : "?") + "cursor="
                                    + java.net.URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            page.path("items").forEach(all::add);
            cursor = page.path("nextCursor").isTextual()
                    ? page.path("nextCursor").asText()
                    : null;
        } while (cursor != null && ++pages < MAX_PAGES);
        return all;
    }

    /** GET {@code /api/v1/<path>} as the bytes the API sent (a signed report must not be re-encoded). */
    public byte[] bytes(String token, String path) {
        return bytes(token, path, "application/json");
    }

    /** GET {@code /api/v1/<path>} in the media type {@code accept} (CSV, say), as the bytes the API sent. */
    public byte[] bytes(String token, String path, String accept) {
        return exchange(
                        token,
                        request(path)
                                .setHeader("Accept", accept + ", application/problem+json")
                                .GET(),
                        HttpResponse.BodyHandlers.ofByteArray())
                .body();
    }

    /**
     * GET {@code /api/v1/<path>} as a stream to pass on (a file of a backup, up to a gigabyte): its bytes, length
     * and the headers a browser saves it by.
     */
    public Download download(String token, String path) {
        HttpResponse<java.io.InputStream> answer = exchange(
                token,
                request(path)
                        .setHeader("Accept", "application/octet-stream, application/problem+json")
                        .GET(),
                HttpResponse.BodyHandlers.ofInputStream());
        return new Download(
                answer.body(),
                answer.headers().firstValueAsLong("Content-Length").orElse(-1),
                answer.headers().firstValue("Content-Disposition").orElse("attachment"),
                answer.headers().firstValue("Repr-Digest").orElse(null));
    }

    /**
     * A file the API sends, to pass on as it arrives.
     *
     * @param content its bytes, to be closed by whoever reads them
     * @param length its length, -1 when the API did not say
     * @param disposition the API's Content-Disposition (the file's name)
     * @param digest the API's Repr-Digest (its SHA-256), if any
     */
    public record Download(java.io.InputStream content, long length, String disposition, String digest) {}

    /** POST {@code /api/v1/<path>} with a JSON body (none when null), once per {@code idempotencyKey} if given. */
    public JsonNode post(String token, String path, Object body, String idempotencyKey) {
        HttpRequest.Builder request = request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : write(body)));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(token, request);
    }

    /** PUT {@code /api/v1/<path>} with a JSON body. */
    public JsonNode put(String token, String path, Object body) {
        return send(
                token,
                request(path)
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(write(body))));
    }

    /** DELETE {@code /api/v1/<path>}. */
    public JsonNode delete(String token, String path) {
        return send(token, request(path).DELETE());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(config.apiUrl().replaceAll("/+$", "") + "/api/v1/" + path))
                .timeout(config.apiTimeout())
                .header("Accept", "application/json, application/problem+json");
    }

    private JsonNode send(String token, HttpRequest.Builder request) {
        return read(
                exchange(token, request, HttpResponse.BodyHandlers.ofString()).body());
    }

    /** Sends the request as the user; a 2xx answer, or the {@link ApiProblem} any other answer (or none) means. */
    private <T> HttpResponse<T> exchange(
            String token, HttpRequest.Builder request, HttpResponse.BodyHandler<T> bodies) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpRequest built = request.build();
        HttpResponse<T> answer;
        try {
            answer = http.send(built, bodies);
        } catch (IOException e) {
            LOG.warnf(
                    "the API did not answer %s %s: %s",
                    built.method(), built.uri().getPath(), e.getMessage());
            throw new ApiProblem(
                    503, "Platform unreachable", "the Cairn API did not answer; try again in a moment", List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiProblem(503, "Interrupted", "the portal is stopping", List.of());
        }
        if (answer.statusCode() / 100 == 2) {
            return answer;
        }
        throw problem(answer.statusCode(), read(text(answer.body())));
    }

    /** An error answer's body as text, whichever way it was read. */
    private static String text(Object body) {
        if (body instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
        if (body instanceof java.io.InputStream in) {
            try (in) {
                return new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }
        return String.valueOf(body);
    }

    /** The problem an API answer describes (or, for a body that is none, its status alone). */
    static ApiProblem problem(int status, JsonNode body) {
        List<ApiProblem.FieldError> errors = new ArrayList<>();
        body.path("errors")
                .forEach(e -> errors.add(new ApiProblem.FieldError(
                        e.path("field").asText(), e.path("message").asText())));
        String title = body.path("title").asText("");
        String detail = body.path("detail").asText("");
        if (title.isEmpty()) {
            title = switch (status) {
                case 401 -> "Signed out";
                case 403 -> "Not allowed";
                case 404 -> "Not found";
                case 502, 503, 504 -> "Platform unavailable";
                default -> "Request failed";
            };
        }
        if (detail.isEmpty()) {
            detail = "the API answered HTTP " + status;
        }
        return new ApiProblem(status, title, detail, errors);
    }

    private JsonNode read(String body) {
        if (body == null || body.isBlank()) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(body);
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
