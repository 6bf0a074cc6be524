package dev.cairn.it.support;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
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
        return Api.as(tenant.token())
                .body(Map.of("name", name))
                .when()
                .post("/api/v1/clusters")
                .then()
                .statusCode(201)
                .extract()
                .as(JsonNode.class);
    }

    /** Registers with a one-time token, as the agent does; the answer is not checked. */
    public static Response register(String token, KeyPair keys) {
        return Api.anonymous()
                .body(Map.of(
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
                        12))
                .when()
                .post("/api/v1/agent/register");
    }

    /** A registered agent: what it received and its private key. */
    public record Registered(JsonNode credentials, KeyPair keys) {
        public String apiToken() {
            JsonNode api = credentials.path("api");
            return given().contentType(ContentType.URLENC)
                    .formParam("grant_type", "client_credentials")
                    .formParam("client_id", api.path("clientId").asText())
                    .formParam("client_secret", api.path("clientSecret").asText())
                    .when()
                    .post(api.path("tokenUrl").asText())
                    .asString();
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

    /** Sends a command (a JSON body) to the cluster's agent as the tenant's administrator; answers its id. */
    public static String command(Tenants.SignedUp tenant, String clusterId, String body) {
        return Api.as(tenant.token())
                .body(body)
                .when()
                .post("/api/v1/clusters/" + clusterId + "/commands")
                .then()
                .statusCode(202)
                .extract()
                .path("id");
    }

    /** Starts a backup of {@code source} as an agent (its access token), as the agent does; answers its id. */
    public static String startBackup(String agentToken, String source) {
        return Api.as(agentToken)
                .body(Map.of("source", source))
                .when()
                .post("/api/v1/backups")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /** Creates a cluster and registers its agent. */
    public static Registered registered(Tenants.SignedUp tenant, String clusterName) {
        JsonNode created = createCluster(tenant, clusterName);
        KeyPair keys = keyPair();
        JsonNode credentials = register(
                        created.path("registration").path("token").asText(), keys)
                .then()
                .statusCode(201)
                .extract()
                .as(JsonNode.class);
        return new Registered(credentials, keys);
    }

    /** Revokes the registered agent, as its tenant's administrator does (the cluster's DELETE). */
    public static void revoke(Tenants.SignedUp tenant, Registered agent) {
        Api.as(tenant.token())
                .when()
                .delete("/api/v1/clusters/"
                        + agent.credentials().path("clusterId").asText())
                .then()
                .statusCode(204);
    }

    /** The access token from a token endpoint answer, or null when it was refused. */
    public static String accessToken(String tokenEndpointBody) {
        try {
            JsonNode body = Api.JSON.readTree(tokenEndpointBody);
            return body.has("access_token") ? body.path("access_token").asText() : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
