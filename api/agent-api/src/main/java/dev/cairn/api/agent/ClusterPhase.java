package dev.cairn.api.agent;

/** Where a cluster's agent is. Transitions: PendingRegistration to Connected; either to Revoked (final). */
public enum ClusterPhase {
    /** Created in the portal; waiting for its agent to register with the one-time token. */
    PendingRegistration,
    /** Its agent registered and holds credentials (whether it is online shows in the last heartbeat). */
    Connected,
    /** Its agent's credentials were revoked: its Kafka user, API client and key material no longer work. */
    Revoked
}
