package dev.cairn.tenant.kafka;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The Kafka cluster agents write to, and the tenant service's identity on it. */
@ConfigMapping(prefix = "cairn.kafka")
public interface KafkaConfig {

    /** Broker addresses, as agents reach them. */
    @WithDefault("127.0.0.1:9092")
    String bootstrapServers();

    /** {@code SASL_SSL} in production; {@code SASL_PLAINTEXT} on the local broker. */
    @WithDefault("SASL_PLAINTEXT")
    String securityProtocol();

    /** The SCRAM mechanism of agents' users. */
    @WithDefault("SCRAM-SHA-256")
    String saslMechanism();

    /** The tenant service's Kafka user: may alter SCRAM credentials and ACLs, and write the usage topic. */
    @WithDefault("tenant-service")
    String username();

    /** Its password. */
    String password();

    /** The data topic agents write chunk records to. */
    @WithDefault("cairn.data.v1")
    String dataTopic();

    /**
     * The most bytes per second one agent's Kafka user may produce (a Kafka client quota on the user, set when it is
     * granted and at every start for every connected agent); beyond it the broker delays the agent's requests.
     */
    @WithDefault("16777216")
    long agentProduceBytesPerSecond();

    /**
     * The share of a broker's request-handler and network threads one agent's requests may take, in percent of one
     * thread (Kafka's {@code request_percentage}): many tiny records cost brokers time that a byte rate misses.
     */
    @WithDefault("50")
    double agentRequestPercentage();

    /** The usage topic: the outbox's events (connected clusters), relayed for the metering service. */
    @WithDefault("cairn.usage.v1")
    String usageTopic();

    /** The tenants' life-cycle topic (a purge begun: ADR 0030), relayed from the outbox {@code tenant_event}. */
    @WithDefault("cairn.tenants.v1")
    String tenantTopic();

    /** How often the usage-event outbox is relayed to the usage topic (read by the relay's schedule). */
    @WithDefault("1s")
    String usageRelayEvery();
}
