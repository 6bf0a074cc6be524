package dev.cairn.tenant.cluster;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** What an agent reports on each heartbeat. */
public record Heartbeat(
        @NotBlank @Size(max = 64) String agentVersion,
        @Size(max = 64) String kubernetesVersion,
        @Min(0) Integer nodeCount,
        @Min(0) Integer namespaceCount) {}
