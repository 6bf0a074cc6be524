package dev.cairn.tenant.cluster;

import java.util.Map;
import java.util.UUID;

/**
 * What a registered agent receives: everything it needs, once.
 *
 * @param tenantId its tenant
 * @param clusterId its cluster
 * @param kafka its write-only identity on the data topic
 * @param api its API client (client credentials grant) for the command channel
 * @param keyWrapping how {@code macKey} and {@code dataKeys} are wrapped: {@code RSA-OAEP-256} to its public key
 * @param macKey the key of the MAC it puts on every record (wrapped)
 * @param dataKeys its tenant's data keys by purpose (wrapped)
 */
public record AgentCredentials(
        UUID tenantId,
        UUID clusterId,
        AgentMessaging.MessagingCredentials kafka,
        ApiClient api,
        String keyWrapping,
        String macKey,
        Map<String, String> dataKeys) {

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
