package dev.cairn.tenant.cluster;

import java.util.UUID;

/**
 * A CDI event fired in the transaction that revokes a cluster's agent (before it commits), so that what keeps state
 * about the agent elsewhere (its waiting polls) hears of it without this package knowing who listens.
 */
public record ClusterRevoked(UUID tenantId, UUID clusterId) {}
