package dev.cairn.agent.credentials;

import dev.cairn.agent.json.Json;
import dev.cairn.data.chunk.ChunkKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

/**
 * The agent's registration answer ({@code credentials.json}, docs/protocol.md "Agent registration, v1") and its RSA
 * private key ({@code agent-key.pem}), as kept in the agent's folder with owner-only permissions.
 *
 * @param kafka how it connects to the data topic, from the registration answer
 * @param api its API client (client credentials grant), from the registration answer
 */
public record AgentCredentials(
        UUID tenantId,
        UUID clusterId,
        dev.cairn.api.agent.AgentCredentials.Kafka kafka,
        dev.cairn.api.agent.AgentCredentials.ApiClient api,
        byte[] macKey,
        ChunkKeys chunkKeys) {

    /** Reads and unwraps the credentials in {@code folder}; fails with a message that says what is missing. */
    public static AgentCredentials load(Path folder) throws IOException {
        Path json = folder.resolve(CredentialFiles.ANSWER);
        Path pem = folder.resolve(CredentialFiles.KEY);
        dev.cairn.api.agent.AgentCredentials c;
        String key;
        try {
            c = Json.MAPPER.readValue(json.toFile(), dev.cairn.api.agent.AgentCredentials.class);
            key = Files.readString(pem, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new IOException("no agent credentials in " + folder + " (" + e.getFile()
                    + " is missing): register the agent first (./cairn up registers the demo tenant's agent)");
        }
        PrivateKey privateKey = privateKey(key);
        UUID tenant = c.tenantId();
        return new AgentCredentials(
                tenant,
                c.clusterId(),
                c.kafka(),
                c.api(),
                unwrap(privateKey, c.macKey()),
                new ChunkKeys(
                        tenant,
                        unwrap(privateKey, c.dataKeys().get("CHUNK_ID")),
                        unwrap(privateKey, c.dataKeys().get("CHUNK_ENCRYPTION"))));
    }

    private static PrivateKey privateKey(String pem) throws IOException {
        String body = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException("agent-key.pem is not an RSA private key in PKCS#8 PEM: " + e.getMessage());
        }
    }

    /** RSA-OAEP-256 (SHA-256, MGF1-SHA-256, no label), as the platform wraps them. */
    private static byte[] unwrap(PrivateKey key, String wrapped) throws IOException {
        try {
            Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
            cipher.init(
                    Cipher.DECRYPT_MODE,
                    key,
                    new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
            return cipher.doFinal(Base64.getDecoder().decode(wrapped));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException("cannot unwrap the tenant's data keys with agent-key.pem: " + e.getMessage());
        }
    }
}
