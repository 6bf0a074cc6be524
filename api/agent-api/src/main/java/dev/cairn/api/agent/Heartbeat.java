package dev.cairn.api.agent;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * What an agent reports on each heartbeat ({@code POST /api/v1/agent/heartbeat}, every minute).
 *
 * @param agentVersion the agent's version
 * @param kubernetesVersion the cluster's Kubernetes version, when the agent could read it
 * @param nodeCount nodes in the cluster
 * @param namespaceCount namespaces in the cluster
 */
public record Heartbeat(
        @NotBlank @Size(max = 64) String agentVersion,
        @Size(max = 64) String kubernetesVersion,
        @Min(0) Integer nodeCount,
        @Min(0) Integer namespaceCount) {}
