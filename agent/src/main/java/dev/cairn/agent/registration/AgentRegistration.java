package dev.cairn.agent.registration;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.agent.credentials.CredentialFiles;
import dev.cairn.agent.json.Json;
import dev.cairn.agent.platform.PlatformException;
import dev.cairn.agent.platform.Proxies;
import dev.cairn.api.agent.AgentRegistrationRequest;
import dev.cairn.api.agent.Heartbeat;
import java.io.IOException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
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
public final class AgentRegistration {
    private static final ObjectMapper JSON = Json.MAPPER;

    private AgentRegistration() {}

    /**
     * Registers with the one-time {@code token} at {@code platformUrl} (through the environment's proxy, if any),
     * reporting {@code facts}, and keeps the credentials in {@code home} ({@link CredentialFiles}).
     */
    public static void register(String platformUrl, String token, Heartbeat facts, Path home)
            throws IOException, InterruptedException {
        register(platformUrl, token, facts, home, Proxies.fromEnvironment());
    }

    /** As {@link #register(String, String, Heartbeat, Path)}, through {@code proxy}. */
    public static void register(String platformUrl, String token, Heartbeat facts, Path home, ProxySelector proxy)
            throws IOException, InterruptedException {
        KeyPair keys;
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(3072);
            keys = g.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        AgentRegistrationRequest body = AgentRegistrationRequest.of(
                token, Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()), facts);
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .proxy(proxy)
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
        CredentialFiles.store(home, answer.body(), keys.getPrivate());
    }
}
