package dev.cairn.api.agent;

import java.util.Map;
import java.util.UUID;

/**
 * What a registered agent receives, once: everything it needs (the answer of {@code POST /api/v1/agent/register}).
 *
 * @param tenantId its tenant
 * @param clusterId its cluster
 * @param kafka its write-only identity on the data topic
 * @param api its API client (client credentials grant) for the command channel and the backup API
 * @param keyWrapping how {@code macKey} and {@code dataKeys} are wrapped: {@code RSA-OAEP-256} to its public key
 * @param macKey the key of the MAC it puts on every record (wrapped, base64)
 * @param dataKeys its tenant's data keys by purpose ({@code CHUNK_ID}, {@code CHUNK_ENCRYPTION}; wrapped, base64)
 */
public record AgentCredentials(
        UUID tenantId,
        UUID clusterId,
        Kafka kafka,
        ApiClient api,
        String keyWrapping,
        String macKey,
        Map<String, String> dataKeys) {

    /**
     * How an agent connects to the data topic.
     *
     * @param bootstrapServers broker addresses
     * @param securityProtocol {@code SASL_SSL} in production, {@code SASL_PLAINTEXT} locally
     * @param saslMechanism {@code SCRAM-SHA-512} or {@code SCRAM-SHA-256}
     * @param username the agent's user
     * @param password its password
     * @param topic the data topic it may write
     */
    public record Kafka(
            String bootstrapServers,
            String securityProtocol,
            String saslMechanism,
            String username,
            String password,
            String topic) {

        /** The {@code sasl.jaas.config} of a client logging in as this user. */
        public String jaasConfig() {
            return KafkaLogin.scramJaasConfig(username, password);
        }
    }

    /**
     * An API client for the client credentials grant.
     *
     * @param tokenUrl the token endpoint
     * @param clientId the client id
     * @param clientSecret the client secret
     * @param platformUrl the API's base URL
     */
    public record ApiClient(String tokenUrl, String clientId, String clientSecret, String platformUrl) {}
}
