package dev.cairn.tenant.cluster;

import dev.cairn.api.agent.AgentCredentials;

/** Agents' access to the data topic: a write-only identity per agent (Kafka SCRAM users and ACLs in production). */
public interface AgentMessaging {

    /** Creates or replaces the agent's identity, allowed only to write to the data topic; returns how to connect. */
    AgentCredentials.Kafka grantWriter(String principal);

    /** Removes the agent's identity and permissions; open connections fail at their next re-authentication. */
    void revoke(String principal);
}
