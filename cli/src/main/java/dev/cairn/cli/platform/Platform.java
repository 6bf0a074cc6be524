package dev.cairn.cli.platform;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The platform's public API ({@code /api/v1}) called as the signed-in user, with an access token refreshed when
 * needed. Problem answers become a {@link CliException} with their detail and field errors.
 */
public final class Platform {
    private final String url;

    Platform(String url) {
        this.url = url;
    }

    /** {@code GET /api/v1/<path>}. */
    public JsonNode get(String path) {
        return Api.get(url + "/api/v1/" + path, Auth.accessToken());
    }

    /** {@code POST /api/v1/<path>} with a JSON body. */
    public JsonNode post(String path, Object body) {
        return Api.postJson(url + "/api/v1/" + path, body, Auth.accessToken()).body();
    }

    /**
     * {@code POST /api/v1/<path>} with a JSON body, once: the same {@code idempotencyKey} again answers what the first
     * request made.
     */
    public JsonNode post(String path, Object body, String idempotencyKey) {
        return Api.postJson(url + "/api/v1/" + path, body, Auth.accessToken(), idempotencyKey)
                .body();
    }

    /** {@code GET /api/v1/<path>} as bytes, signed in ({@code signedIn}) or not. */
    public byte[] bytes(String path, boolean signedIn) {
        return Api.getBytes(url + "/api/v1/" + path, signedIn ? Auth.accessToken() : null);
    }

    /** {@code GET /api/v1/<path>} into {@code file} as it arrives. */
    public void download(String path, java.nio.file.Path file) {
        Api.download(url + "/api/v1/" + path, Auth.accessToken(), file);
    }

    /** {@code DELETE /api/v1/<path>}. */
    public void delete(String path) {
        Api.delete(url + "/api/v1/" + path, Auth.accessToken());
    }

    /**
     * The id of one of the tenant's clusters, from its id or its name (a name must match exactly one cluster).
     */
    public UUID clusterId(String idOrName) {
        try {
            return UUID.fromString(idOrName);
        } catch (IllegalArgumentException notAnId) {
            UUID found = null;
            for (JsonNode cluster : every("clusters?limit=500")) {
                if (cluster.path("name").asText().equals(idOrName)) {
                    if (found != null) {
                        throw new CliException("two clusters are named " + idOrName + ": give its id");
                    }
                    found = UUID.fromString(cluster.path("id").asText());
                }
            }
            if (found == null) {
                throw new CliException("no cluster named " + idOrName + " (cairn cluster list)");
            }
            return found;
        }
    }

    /** The id of one of the tenant's backup policies, from its id or its name. */
    public UUID policyId(String idOrName) {
        try {
            return UUID.fromString(idOrName);
        } catch (IllegalArgumentException notAnId) {
            return every("policies?limit=500").stream()
                    .filter(p -> p.path("name").asText().equals(idOrName))
                    .map(p -> UUID.fromString(p.path("id").asText()))
                    .findFirst()
                    .orElseThrow(() -> new CliException("no policy named " + idOrName + " (cairn schedule list)"));
        }
    }

    /** Every item of a cursor-paginated list (its path with the page size), page after page. */
    public java.util.List<JsonNode> every(String path) {
        java.util.List<JsonNode> all = new java.util.ArrayList<>();
        String cursor = null;
        do {
            JsonNode page =
                    get(cursor == null ? path : path + (path.contains("?") ? "&" : "?") + "cursor=" + query(cursor));
            page.path("items").forEach(all::add);
            cursor = page.path("nextCursor").isTextual()
                    ? page.path("nextCursor").asText()
                    : null;
        } while (cursor != null);
        return all;
    }

    /** A query parameter's value, encoded. */
    public static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
