package dev.cairn.tenant.cluster;

/** Agents' access to the data topic: a write-only identity per agent (Kafka SCRAM users and ACLs in production). */
public interface AgentMessaging {

    /** Creates or replaces the agent's identity, allowed only to write to the data topic; returns how to connect. */
    MessagingCredentials grantWriter(String principal);

    /** Removes the agent's identity and permissions; open connections fail at their next re-authentication. */
    void revoke(String principal);

    /**
     * How an agent connects to the data topic.
     *
     * @param bootstrapServers broker addresses
     * @param securityProtocol {@code SASL_SSL} in production, {@code SASL_PLAINTEXT} locally
     * @param saslMechanism {@code SCRAM-SHA-512} or {@code SCRAM-SHA-256}
     * @param username the agent's user
     * @param password its password
     * @param topic the data topic it may write
     */
    record MessagingCredentials(
            String bootstrapServers,
            String securityProtocol,
            String saslMechanism,
            String username,
            String password,
            String topic) {}
}
