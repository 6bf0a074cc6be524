package dev.cairn.api.agent;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * What an agent sends to register ({@code POST /api/v1/agent/register}).
 *
 * @param token the one-time registration token from the portal
 * @param publicKey the agent's RSA public key (X.509 SubjectPublicKeyInfo, base64, 3072 bits or more): the platform
 *     wraps the keys it hands out to it, so they never cross the network in plaintext
 * @param agentVersion the agent's version
 * @param kubernetesVersion the cluster's Kubernetes version
 * @param nodeCount nodes in the cluster
 * @param namespaceCount namespaces in the cluster
 * @param capabilities what the agent can do beyond the v1 commands ({@link AgentCapabilities}); absent: none
 */
public record AgentRegistrationRequest(
        @NotBlank @Size(max = 200) String token,
        @NotBlank @Size(max = 4096) String publicKey,
        @NotBlank @Size(max = 64) String agentVersion,
        @Size(max = 64) String kubernetesVersion,
        @Min(0) Integer nodeCount,
        @Min(0) Integer namespaceCount,
        @Size(max = AgentCapabilities.MAX) List<@NotBlank @Size(max = 64) String> capabilities) {

    /** The request an agent sends with the facts of its heartbeat. */
    public static AgentRegistrationRequest of(String token, String publicKey, Heartbeat facts) {
        return new AgentRegistrationRequest(
                token,
                publicKey,
                facts.agentVersion(),
                facts.kubernetesVersion(),
                facts.nodeCount(),
                facts.namespaceCount(),
                facts.capabilities());
    }

    /** What the agent reported on registering, as a heartbeat. */
    public Heartbeat facts() {
        return new Heartbeat(agentVersion, kubernetesVersion, nodeCount, namespaceCount, capabilities);
    }
}
