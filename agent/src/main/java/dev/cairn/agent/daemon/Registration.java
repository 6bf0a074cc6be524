package dev.cairn.agent.daemon;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.agent.json.Json;
import dev.cairn.agent.platform.PlatformException;
import dev.cairn.agent.platform.Proxies;
import dev.cairn.api.agent.AgentRegistrationRequest;
import dev.cairn.api.agent.Heartbeat;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;

/**
 * Exchanges the one-time registration token for the agent's credentials (docs/protocol.md, "Agent registration,
 * v1"): the agent makes an RSA key pair, sends the public half, and keeps the answer and the private half in its
 * folder with owner-only permissions.
 */
final class Registration {
    private static final ObjectMapper JSON = Json.MAPPER;

    private Registration() {}

    static void register(String platformUrl, String token, Heartbeat facts, Path home)
            throws IOException, InterruptedException {
        KeyPair keys;
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(3072);
            keys = g.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        AgentRegistrationRequest body = new AgentRegistrationRequest(
                token,
                Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()),
                facts.agentVersion(),
                facts.kubernetesVersion(),
                facts.nodeCount(),
                facts.namespaceCount());
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .proxy(Proxies.fromEnvironment())
                .build();
        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(URI.create(platformUrl.replaceAll("/+$", "") + "/api/v1/agent/register"))
                        .timeout(Duration.ofSeconds(60))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 201) {
            throw new PlatformException(
                    answer.statusCode(),
                    "registration refused (" + answer.statusCode() + "): " + answer.body()
                            + " - create a new registration token for this cluster in the portal");
        }
        Files.createDirectories(home);
        write(home.resolve("credentials.json"), answer.body());
        write(
                home.resolve("agent-key.pem"),
                "-----BEGIN PRIVATE KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                                .encodeToString(keys.getPrivate().getEncoded())
                        + "\n-----END PRIVATE KEY-----\n");
    }

    private static void write(Path file, String text) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, text);
    }
}
