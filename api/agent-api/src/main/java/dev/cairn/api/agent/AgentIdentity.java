package dev.cairn.api.agent;

import java.util.UUID;

/**
 * An agent as the ingest service needs it to authenticate its records: the tenant service's internal answer
 * ({@code GET /internal/v1/agents/{clusterId}}, callable by the ingest service only).
 *
 * @param clusterId the agent's cluster
 * @param tenantId its tenant
 * @param phase its cluster's phase: only a Connected agent's records are accepted
 * @param macKey its record MAC key (base64), absent unless Connected
 * @param homeRegion its tenant's home region: where its packs go
 */
public record AgentIdentity(UUID clusterId, UUID tenantId, ClusterPhase phase, String macKey, String homeRegion) {}
