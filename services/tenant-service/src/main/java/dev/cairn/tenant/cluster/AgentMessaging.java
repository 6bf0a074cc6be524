package dev.cairn.tenant.cluster;

import dev.cairn.api.agent.AgentCredentials;

/** Agents' access to the data topic: a write-only identity per agent (Kafka SCRAM users and ACLs in production). */
public interface AgentMessaging {

    /**
     * Creates or replaces the agent's identity, allowed only to write to the data topic at no more than the configured
     * rates; returns how to connect.
     */
    AgentCredentials.Kafka grantWriter(String principal);

    /** Sets the configured rates on these agents' identities again (after a change of them, or on identities made before). */
    void limit(java.util.Collection<String> principals);

    /** Removes the agent's identity, permissions and rates; open connections fail at their next re-authentication. */
    void revoke(String principal);
}
