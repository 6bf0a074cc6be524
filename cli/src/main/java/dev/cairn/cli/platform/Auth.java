package dev.cairn.cli.platform;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Signing in with the realm's CLI client, keeping the refresh token, and handing out fresh access tokens. */
public final class Auth {
    private Auth() {}

    /** The platform's OpenID Connect settings for the CLI ({@code GET /api/v1/auth/config}, public). */
    record Config(String tokenUrl, String deviceAuthorizationUrl, String clientId) {
        static Config of(String platformUrl) {
            JsonNode config = Api.get(platformUrl + "/api/v1/auth/config", null);
            return new Config(
                    config.path("tokenUrl").asText(),
                    config.path("deviceAuthorizationUrl").asText(),
                    config.path("cliClientId").asText());
        }
    }

    /**
     * Signs in with a password (the resource owner password grant of the CLI client) and keeps the tokens. The
     * password goes to the realm's token endpoint only over HTTPS, or to this machine.
     *
     * @param offline whether to ask for an offline token (scope {@code offline_access}), which outlives the realm's
     *     session limits; otherwise the kept refresh token ends with the session
     */
    public static Credentials loginWithPassword(String platformUrl, String email, String password, boolean offline) {
        requireSafeForPasswords(platformUrl);
        Config config = Config.of(platformUrl);
        requireSafeForPasswords(config.tokenUrl());
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", config.clientId());
        form.put("username", email);
        form.put("password", password);
        form.put("scope", scope(offline));
        return keep(platformUrl, config, tokenOrFail(Api.postForm(config.tokenUrl(), form)));
    }

    /**
     * Refuses a URL that a password must not be sent to: anything but {@code https://}, except {@code http://} to
     * this machine ({@code localhost}, {@code 127.0.0.0/8}, {@code ::1}; the local platform of {@code ./cairn up}).
     */
    public static void requireSafeForPasswords(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new CliException("not a URL: " + url);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (scheme.equals("https") || (scheme.equals("http") && loopback(uri.getHost()))) {
            return;
        }
        throw new CliException("refusing to send a password to " + uri.getScheme() + "://" + uri.getAuthority()
                + ": passwords go over HTTPS only (plain HTTP only to localhost); sign in in a browser with"
                + " --device, or use the platform's https:// address");
    }

    private static boolean loopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(java.util.Locale.ROOT);
        return h.equals("localhost")
                || h.endsWith(".localhost")
                || h.equals("[::1]")
                || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }

    private static String scope(boolean offline) {
        return offline ? "openid offline_access" : "openid";
    }

    /**
     * Signs in with the device authorization grant: prints where to approve the sign-in in a browser (on any
     * machine), then waits for it.
     */
    public static Credentials loginWithDevice(String platformUrl, PrintStream out, boolean offline) {
        Config config = Config.of(platformUrl);
        Api.Response device = Api.postForm(
                config.deviceAuthorizationUrl(), Map.of("client_id", config.clientId(), "scope", scope(offline)));
        if (device.status() != 200) {
            throw new CliException("the platform refused the device sign-in: " + device.body());
        }
        JsonNode d = device.body();
        out.println("To sign in, open "
                + d.path("verification_uri_complete")
                        .asText(d.path("verification_uri").asText()) + " and confirm the code "
                + d.path("user_code").asText());
        long interval = Math.max(1, d.path("interval").asLong(5));
        Instant deadline = Instant.now().plusSeconds(d.path("expires_in").asLong(600));
        while (Instant.now().isBefore(deadline)) {
            sleep(Duration.ofSeconds(interval));
            Api.Response token = Api.postForm(
                    config.tokenUrl(),
                    Map.of(
                            "grant_type", "urn:ietf:params:oauth:grant-type:device_code",
                            "client_id", config.clientId(),
                            "device_code", d.path("device_code").asText()));
            String error = token.body().path("error").asText("");
            if (token.status() == 200) {
                return keep(platformUrl, config, token.body());
            } else if (error.equals("slow_down")) {
                interval += 5;
            } else if (!error.equals("authorization_pending")) {
                throw new CliException("sign-in failed: "
                        + token.body().path("error_description").asText(error));
            }
        }
        throw new CliException("the sign-in code expired before it was confirmed");
    }

    /** A valid access token: the kept one if it lives 30 s more, else a refreshed one (kept too). */
    public static String accessToken() {
        Credentials credentials =
                Credentials.load().orElseThrow(() -> new CliException("not signed in: run ./cairn login"));
        if (credentials.accessToken() != null
                && credentials.accessTokenExpiresAt() != null
                && credentials.accessTokenExpiresAt().isAfter(Instant.now().plusSeconds(30))) {
            return credentials.accessToken();
        }
        Api.Response refreshed = Api.postForm(
                credentials.tokenUrl(),
                Map.of(
                        "grant_type", "refresh_token",
                        "client_id", credentials.clientId(),
                        "refresh_token", credentials.refreshToken()));
        if (refreshed.status() != 200) {
            throw new CliException("your sign-in has expired or was revoked: run ./cairn login");
        }
        Credentials renewed = from(
                credentials.platformUrl(),
                credentials.tokenUrl(),
                credentials.clientId(),
                refreshed.body(),
                credentials.refreshToken());
        renewed.save();
        return renewed.accessToken();
    }

    private static JsonNode tokenOrFail(Api.Response response) {
        if (response.status() != 200) {
            String reason = response.body()
                    .path("error_description")
                    .asText(response.body().path("error").asText());
            throw new CliException("sign-in refused: " + reason);
        }
        return response.body();
    }

    private static Credentials keep(String platformUrl, Config config, JsonNode token) {
        Credentials credentials = from(platformUrl, config.tokenUrl(), config.clientId(), token, null);
        credentials.save();
        return credentials;
    }

    private static Credentials from(
            String platformUrl, String tokenUrl, String clientId, JsonNode token, String previousRefresh) {
        String refresh = token.path("refresh_token").asText(previousRefresh);
        return new Credentials(
                platformUrl,
                tokenUrl,
                clientId,
                refresh,
                token.path("access_token").asText(),
                Instant.now().plusSeconds(token.path("expires_in").asLong(60)));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
    }
}
