package dev.cairn.tenant.cluster;

import dev.cairn.api.agent.ClusterPhase;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A cluster as its tenant's users see it. {@code online} is true when the last heartbeat is recent;
 * {@code agentCapabilities} is what its agent reported it can do beyond the v1 commands ({@code restore-drill}).
 */
public record ClusterView(
        UUID id,
        String name,
        ClusterPhase phase,
        boolean online,
        String agentVersion,
        List<String> agentCapabilities,
        String kubernetesVersion,
        Integer nodeCount,
        Integer namespaceCount,
        Instant lastHeartbeatAt,
        Instant registeredAt,
        Instant createdAt) {

    static ClusterView of(Cluster c, boolean online) {
        return new ClusterView(
                c.id,
                c.name,
                c.phase,
                online,
                c.agentVersion,
                List.of(c.agentCapabilities),
                c.kubernetesVersion,
                c.nodeCount,
                c.namespaceCount,
                c.lastHeartbeatAt,
                c.registeredAt,
                c.createdAt);
    }
}
