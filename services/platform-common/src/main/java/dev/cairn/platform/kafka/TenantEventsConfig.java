package dev.cairn.platform.kafka;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** How a service that keeps tenant data reads the tenants' life-cycle events ({@code TenantEventsConsumer}). */
@ConfigMapping(prefix = "cairn.tenant-events")
public interface TenantEventsConfig {

    /** Broker addresses. */
    @WithDefault("${cairn.kafka.bootstrap-servers:127.0.0.1:9092}")
    String bootstrapServers();

    /** {@code SASL_SSL} in production; {@code SASL_PLAINTEXT} on the local broker. */
    @WithDefault("${cairn.kafka.security-protocol:SASL_PLAINTEXT}")
    String securityProtocol();

    /** The SCRAM mechanism: {@code SCRAM-SHA-512} on MSK, {@code SCRAM-SHA-256} on the local broker. */
    @WithDefault("${cairn.kafka.sasl-mechanism:SCRAM-SHA-256}")
    String saslMechanism();

    /** The service's Kafka user (its application name: {@code ingest-service}, ...). */
    @WithDefault("${quarkus.application.name}")
    String username();

    /** Its password (required in a service that keeps tenant data). */
    @WithDefault("${cairn.kafka.password:}")
    Optional<String> password();

    /** The tenants' life-cycle topic (compacted by tenant). */
    @WithDefault("cairn.tenants.v1")
    String topic();

    /** Where a record that is not a tenant event goes, with the reason. */
    @WithDefault("cairn.tenants.v1.dlq")
    String deadLetterTopic();

    /** The consumer group: one per service, so that every service sees every event. */
    @WithDefault("cairn-tenant-events-${quarkus.application.name}")
    String group();

    /** How long to wait before trying again an event whose forgetting failed (it is never skipped). */
    @WithDefault("PT5S")
    Duration retryAfter();
}
