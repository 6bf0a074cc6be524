package dev.cairn.tenant.cluster;

/** Where a cluster's agent is. Transitions: PENDING_REGISTRATION to CONNECTED; either to REVOKED (final). */
public enum ClusterPhase {
    /** Created in the portal; waiting for its agent to register with the one-time token. */
    PENDING_REGISTRATION,
    /** Its agent registered and holds credentials (whether it is online shows in the last heartbeat). */
    CONNECTED,
    /** Its agent's credentials were revoked: its Kafka user, API client and key material no longer work. */
    REVOKED
}
