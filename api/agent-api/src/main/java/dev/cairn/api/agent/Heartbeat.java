package dev.cairn.api.agent;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * What an agent reports on each heartbeat ({@code POST /api/v1/agent/heartbeat}, every minute).
 *
 * @param agentVersion the agent's version
 * @param kubernetesVersion the cluster's Kubernetes version, when the agent could read it
 * @param nodeCount nodes in the cluster
 * @param namespaceCount namespaces in the cluster
 * @param capabilities what the agent can do beyond the v1 commands ({@link AgentCapabilities}); absent from agents
 *     older than the field: none
 */
public record Heartbeat(
        @NotBlank @Size(max = 64) String agentVersion,
        @Size(max = 64) String kubernetesVersion,
        @Min(0) Integer nodeCount,
        @Min(0) Integer namespaceCount,
        @Size(max = AgentCapabilities.MAX) List<@NotBlank @Size(max = 64) String> capabilities) {

    /** A heartbeat of an agent that reports no capabilities. */
    public Heartbeat(String agentVersion, String kubernetesVersion, Integer nodeCount, Integer namespaceCount) {
        this(agentVersion, kubernetesVersion, nodeCount, namespaceCount, null);
    }

    /** The capabilities reported; empty when none. */
    public List<String> capabilitiesOrNone() {
        return capabilities == null ? List.of() : capabilities;
    }
}
