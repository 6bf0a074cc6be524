package dev.cairn.ingest.agent;

import java.util.Optional;
import java.util.UUID;

/**
 * An agent as ingest needs it to authenticate its records.
 *
 * @param clusterId the agent's cluster
 * @param tenantId its tenant
 * @param active true while its cluster is connected (not revoked)
 * @param macKey its record MAC key, absent once revoked
 * @param homeRegion its tenant's home region: where its packs go
 */
public record AgentIdentity(
        UUID clusterId, UUID tenantId, boolean active, Optional<byte[]> macKey, String homeRegion) {}
