package dev.cairn.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.MGF1ParameterSpec;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

/** Test fixtures: clusters created through the API and agents registered the way the real agent does. */
public final class Agents {
    private Agents() {}

    public static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(3072);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Creates a cluster as the tenant's admin; returns the answer (cluster and registration). */
    public static JsonNode createCluster(Tenants.SignedUp tenant, String name) {
        HttpResponse<String> response = Http.json(
                "POST", TestPlatform.get().entryPoint() + "/api/v1/clusters", tenant.token(), Map.of("name", name));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return Http.json(response);
    }

    public static HttpResponse<String> register(String token, KeyPair keys) {
        return Http.json(
                "POST",
                TestPlatform.get().entryPoint() + "/api/v1/agent/register",
                null,
                Map.of(
                        "token",
                        token,
                        "publicKey",
                        Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()),
                        "agentVersion",
                        "0.1.0",
                        "kubernetesVersion",
                        "v1.31.2",
                        "nodeCount",
                        3,
                        "namespaceCount",
                        12));
    }

    /** A registered agent: what it received and its private key. */
    public record Registered(JsonNode credentials, KeyPair keys) {
        public String apiToken() {
            JsonNode api = credentials.path("api");
            String form = "grant_type=client_credentials&client_id="
                    + encode(api.path("clientId").asText()) + "&client_secret="
                    + encode(api.path("clientSecret").asText());
            return Http.send(HttpRequest.newBuilder(
                                    URI.create(api.path("tokenUrl").asText()))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form))
                            .build())
                    .body();
        }

        /** A current access token of the agent's API client. */
        public String accessToken() {
            return Agents.accessToken(apiToken());
        }

        public byte[] unwrap(String wrapped) {
            try {
                Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
                cipher.init(
                        Cipher.DECRYPT_MODE,
                        keys.getPrivate(),
                        new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
                return cipher.doFinal(Base64.getDecoder().decode(wrapped));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Creates a cluster and registers its agent. */
    public static Registered registered(Tenants.SignedUp tenant, String clusterName) {
        JsonNode created = createCluster(tenant, clusterName);
        KeyPair keys = keyPair();
        HttpResponse<String> response =
                register(created.path("registration").path("token").asText(), keys);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return new Registered(Http.json(response), keys);
    }

    /** The access token from a token endpoint answer, or null when it was refused. */
    public static String accessToken(String tokenEndpointBody) {
        try {
            JsonNode body = Http.JSON.readTree(tokenEndpointBody);
            return body.has("access_token") ? body.path("access_token").asText() : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
