package dev.cairn.testing.servers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Keycloak 26 from the distribution served by Maven Central, run in production mode ({@code start --optimized})
 * with its data in our PostgreSQL. The distribution is unpacked and built once per machine into the cache; its
 * state lives only in the database, so a restart with the same database keeps realms and users.
 */
public final class KeycloakServer implements AutoCloseable {
    /** Local bootstrap admin of the master realm (local run and tests only). */
    public static final String ADMIN_USER = "admin";

    /** The admin password of Keycloak databases made before the password was generated (they keep it). */
    private static final String FORMER_ADMIN_PASSWORD = "cairn-local-admin";

    /** Build-time options; changing them makes a new cache entry. */
    private static final List<String> BUILD_OPTIONS =
            List.of("--db=postgres", "--cache=local", "--health-enabled=true", "--metrics-enabled=true");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServerProcess process;
    private final int port;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String adminPassword;

    private KeycloakServer(ServerProcess process, int port, String adminPassword) {
        this.process = process;
        this.port = port;
        this.adminPassword = adminPassword;
    }

    /** The master realm's admin password: generated at the first start, kept beside the work folder. */
    public String adminPassword() {
        return adminPassword;
    }

    /**
     * Launches Keycloak on {@code port} (0: any) against the database at {@code jdbcUrl}, and does not wait: its URL
     * is known at once, so that services can start while it does (they retry its discovery); {@link #awaitReady}
     * waits.
     */
    public static KeycloakServer launch(
            String jdbcUrl, String dbUser, String dbPassword, int port, Path workDir, Path logDir) {
        // the admin is made in the database at the first start: a work folder that exists had its first start
        String adminPassword = LocalSecret.of(
                LocalSecret.beside(workDir, "admin-password"), Files.exists(workDir), FORMER_ADMIN_PASSWORD);
        Path home = builtDistribution(logDir);
        int chosen = Ports.claim(port, "Keycloak");
        int management = Ports.free();
        try {
            Files.createDirectories(workDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>(List.of(
                home.resolve("bin/kc.sh").toString(),
                "start",
                "--optimized",
                "--http-enabled=true",
                "--http-host=127.0.0.1",
                "--http-port=" + chosen,
                "--http-management-port=" + management,
                "--hostname-strict=false",
                "--db-url=" + jdbcUrl,
                "--db-username=" + dbUser,
                "--db-password=" + dbPassword,
                "--db-pool-max-size=20"));
        ServerProcess process = ServerProcess.start(
                "Keycloak",
                command,
                workDir,
                Map.of(
                        "JAVA_HOME",
                        System.getProperty("java.home"),
                        "JAVA_OPTS_KC_HEAP",
                        "-Xms64m -Xmx512m",
                        "KC_BOOTSTRAP_ADMIN_USERNAME",
                        ADMIN_USER,
                        "KC_BOOTSTRAP_ADMIN_PASSWORD",
                        adminPassword),
                logDir.resolve("keycloak.log"));
        return new KeycloakServer(process, chosen, adminPassword);
    }

    /**
     * Waits until Keycloak answers; fails with the end of its log if it exits or takes more than five minutes (a first
     * start creates its schema and master realm: 180 s were not enough with the whole platform starting on one core).
     */
    public KeycloakServer awaitReady() {
        process.awaitReady(Duration.ofSeconds(300), this::masterRealmAnswers);
        return this;
    }

    /** Unpacks and builds (augments) the distribution once per machine; later calls find it ready. */
    private static Path builtDistribution(Path logDir) {
        Properties dist = Dists.properties("keycloak");
        Path archive = Path.of(dist.getProperty("archive"));
        String version = dist.getProperty("version");
        String name = "keycloak-" + version + "-" + Integer.toHexString(BUILD_OPTIONS.hashCode());
        Path unpacked = Cache.unpackTar(name, () -> Files.newInputStream(archive), "-xzf");
        Path home = unpacked.resolve("keycloak-" + version);
        Path built = home.resolve(".cairn-built");
        if (Files.exists(built)) {
            return home;
        }
        try (FileChannel lock = FileChannel.open(
                        unpacked.resolve(".build.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                var ignored = lock.lock()) {
            if (!Files.exists(built)) {
                List<String> command =
                        new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "build"));
                command.addAll(BUILD_OPTIONS);
                Path log = logDir.resolve("keycloak-build.log");
                Files.createDirectories(logDir);
                ProcessBuilder builder = new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
                builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
                Process build = builder.start();
                if (!build.waitFor(5, TimeUnit.MINUTES) || build.exitValue() != 0) {
                    build.destroyForcibly();
                    throw new ServerStartException("Keycloak build failed; see " + log);
                }
                Files.writeString(built, String.join(" ", BUILD_OPTIONS));
            }
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerStartException("interrupted while building Keycloak", e);
        }
    }

    private boolean masterRealmAnswers() {
        return ServerProcess.answers200(url() + "/realms/master");
    }

    /** The base URL, e.g. {@code http://127.0.0.1:8180}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** The process id of the server's guard (the server runs under it). */
    public long pid() {
        return process.pid();
    }

    /** The issuer URL of a realm. */
    public String realmUrl(String realm) {
        return url() + "/realms/" + realm;
    }

    /**
     * Imports the realm from its JSON representation; when a realm of that name exists (a kept data folder), adds
     * what it lacks of the representation's roles, clients and users (a partial import that skips what exists), so
     * that a client or role added to the realm file reaches an existing platform.
     */
    public void ensureRealm(String realmJson) {
        try {
            JsonNode representation = JSON.readTree(realmJson);
            String realm = representation.path("realm").asText();
            String token = adminToken();
            HttpResponse<String> existing = http.send(
                    HttpRequest.newBuilder(URI.create(url() + "/admin/realms/" + realm))
                            .header("Authorization", "Bearer " + token)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (existing.statusCode() == 200) {
                var partial = JSON.createObjectNode().put("ifResourceExists", "SKIP");
                for (String part : List.of("roles", "clients", "users")) {
                    if (representation.has(part)) {
                        partial.set(part, representation.get(part));
                    }
                }
                HttpResponse<String> imported = http.send(
                        HttpRequest.newBuilder(URI.create(url() + "/admin/realms/" + realm + "/partialImport"))
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(partial.toString()))
                                .timeout(Duration.ofSeconds(60))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (imported.statusCode() != 200) {
                    throw new ServerStartException("cannot bring realm " + realm + " up to date: HTTP "
                            + imported.statusCode() + " " + imported.body());
                }
                updateUserProfile(realm, token, representation);
                return;
            }
            HttpResponse<String> created = http.send(
                    HttpRequest.newBuilder(URI.create(url() + "/admin/realms"))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(realmJson))
                            .timeout(Duration.ofSeconds(60))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() != 201) {
                throw new ServerStartException(
                        "cannot import realm " + realm + ": HTTP " + created.statusCode() + " " + created.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerStartException("interrupted", e);
        }
    }

    /**
     * Sets the realm's user profile (which attributes users have, and who may see and edit each) to the
     * representation's, when it has one: a partial import leaves an existing realm's profile as it was.
     */
    private void updateUserProfile(String realm, String token, JsonNode representation)
            throws IOException, InterruptedException {
        JsonNode profile = representation
                .path("components")
                .path("org.keycloak.userprofile.UserProfileProvider")
                .path(0)
                .path("config")
                .path("kc.user.profile.config")
                .path(0);
        if (!profile.isTextual()) {
            return;
        }
        HttpResponse<String> updated = http.send(
                HttpRequest.newBuilder(URI.create(url() + "/admin/realms/" + realm + "/users/profile"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(profile.asText()))
                        .timeout(Duration.ofSeconds(60))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (updated.statusCode() != 200) {
            throw new ServerStartException("cannot update the user profile of realm " + realm + ": HTTP "
                    + updated.statusCode() + " " + updated.body());
        }
    }

    /** Reads a realm's settings, lets {@code change} edit them, and writes them back. */
    public void updateRealm(String realm, java.util.function.Consumer<ObjectNode> change) {
        try {
            String token = adminToken();
            URI uri = URI.create(url() + "/admin/realms/" + realm);
            HttpResponse<String> found = http.send(
                    HttpRequest.newBuilder(uri)
                            .header("Authorization", "Bearer " + token)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (found.statusCode() != 200) {
                throw new ServerStartException(
                        "cannot read realm " + realm + ": HTTP " + found.statusCode() + " " + found.body());
            }
            ObjectNode settings = (ObjectNode) JSON.readTree(found.body());
            change.accept(settings);
            HttpResponse<String> updated = http.send(
                    HttpRequest.newBuilder(uri)
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .PUT(HttpRequest.BodyPublishers.ofString(settings.toString()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (updated.statusCode() != 204) {
                throw new ServerStartException(
                        "cannot update realm " + realm + ": HTTP " + updated.statusCode() + " " + updated.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerStartException("interrupted", e);
        }
    }

    /**
     * Changes a client of {@code realm} in place (its redirect URIs for the address the platform got, say): reads its
     * representation, lets {@code change} edit it, writes it back.
     */
    public void updateClient(String realm, String clientId, java.util.function.Consumer<ObjectNode> change) {
        try {
            String token = adminToken();
            String base = url() + "/admin/realms/" + realm + "/clients";
            HttpResponse<String> found = http.send(
                    HttpRequest.newBuilder(URI.create(base + "?clientId=" + encode(clientId)))
                            .header("Authorization", "Bearer " + token)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode clients = JSON.readTree(found.body());
            if (found.statusCode() != 200 || !clients.isArray() || clients.isEmpty()) {
                throw new ServerStartException("no client " + clientId + " in realm " + realm + ": HTTP "
                        + found.statusCode() + " " + found.body());
            }
            ObjectNode client = (ObjectNode) clients.get(0);
            change.accept(client);
            HttpResponse<String> updated = http.send(
                    HttpRequest.newBuilder(
                                    URI.create(base + "/" + client.path("id").asText()))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .PUT(HttpRequest.BodyPublishers.ofString(client.toString()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (updated.statusCode() != 204) {
                throw new ServerStartException(
                        "cannot update client " + clientId + ": HTTP " + updated.statusCode() + " " + updated.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerStartException("interrupted", e);
        }
    }

    /**
     * Creates the user in {@code realm} unless one with that username exists, with a password, realm roles and
     * attributes; returns the user's id.
     */
    public String ensureUser(
            String realm, String username, String password, List<String> realmRoles, Map<String, String> attributes) {
        try {
            String token = adminToken();
            String base = url() + "/admin/realms/" + realm;
            HttpResponse<String> found = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/users?exact=true&username=" + encode(username)))
                            .header("Authorization", "Bearer " + token)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode existing = JSON.readTree(found.body());
            if (existing.isArray() && !existing.isEmpty()) {
                return existing.get(0).path("id").asText();
            }
            var user = JSON.createObjectNode()
                    .put("username", username)
                    .put("email", username.contains("@") ? username : null)
                    .put("enabled", true)
                    .put("emailVerified", true);
            var attrs = user.putObject("attributes");
            attributes.forEach((k, v) -> attrs.putArray(k).add(v));
            user.putArray("credentials")
                    .addObject()
                    .put("type", "password")
                    .put("value", password)
                    .put("temporary", false);
            HttpResponse<String> created = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/users"))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(user)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() != 201) {
                throw new IllegalStateException(
                        "cannot create user " + username + ": HTTP " + created.statusCode() + " " + created.body());
            }
            String location = created.headers().firstValue("Location").orElseThrow();
            String id = location.substring(location.lastIndexOf('/') + 1);
            var roles = JSON.createArrayNode();
            for (String role : realmRoles) {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(URI.create(base + "/roles/" + encode(role)))
                                .header("Authorization", "Bearer " + token)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                roles.add(JSON.readTree(r.body()));
            }
            if (!roles.isEmpty()) {
                HttpResponse<String> mapped = http.send(
                        HttpRequest.newBuilder(URI.create(base + "/users/" + id + "/role-mappings/realm"))
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(roles)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (mapped.statusCode() != 204) {
                    throw new IllegalStateException("cannot grant roles to " + username + ": HTTP "
                            + mapped.statusCode() + " " + mapped.body());
                }
            }
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The realm file kept in the repository ({@code infra/keycloak/cairn-realm.json}). */
    public static String cairnRealmJson() {
        try (InputStream in =
                KeycloakServer.class.getResourceAsStream("/dev/cairn/testing/keycloak/cairn-realm.json")) {
            if (in == null) {
                throw new ServerStartException("cairn-realm.json is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An access token of the master realm's admin, for the admin REST API. */
    public String adminToken() {
        return token("master", "admin-cli", null, ADMIN_USER, adminPassword);
    }

    /**
     * A token from the realm's token endpoint: the password grant when {@code username} is given, client
     * credentials otherwise.
     */
    public String token(String realm, String clientId, String clientSecret, String username, String password) {
        StringBuilder form = new StringBuilder();
        if (username != null) {
            form.append("grant_type=password&username=")
                    .append(encode(username))
                    .append("&password=")
                    .append(encode(password));
        } else {
            form.append("grant_type=client_credentials");
        }
        form.append("&client_id=").append(encode(clientId));
        if (clientSecret != null) {
            form.append("&client_secret=").append(encode(clientSecret));
        }
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(realmUrl(realm) + "/protocol/openid-connect/token"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form.toString()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("token request to realm " + realm + " failed: HTTP "
                        + response.statusCode() + " " + response.body());
            }
            JsonNode body = JSON.readTree(response.body());
            return body.path("access_token").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(15));
    }
}
