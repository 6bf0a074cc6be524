package dev.cairn.metering;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The metering service's settings. */
@ConfigMapping(prefix = "cairn.metering")
public interface MeteringConfig {

    /** Broker addresses. */
    @WithDefault("127.0.0.1:9092")
    String bootstrapServers();

    /** {@code SASL_SSL} in production, {@code SASL_PLAINTEXT} on the local broker (as {@code cairn.kafka.*} says). */
    @WithDefault("${cairn.kafka.security-protocol:SASL_PLAINTEXT}")
    String securityProtocol();

    /** The SCRAM mechanism: {@code SCRAM-SHA-512} on MSK, {@code SCRAM-SHA-256} on the local broker. */
    @WithDefault("${cairn.kafka.sasl-mechanism:SCRAM-SHA-256}")
    String saslMechanism();

    /** The metering service's SCRAM user: reads the usage topic, writes its dead-letter topic. */
    @WithDefault("metering-service")
    String username();

    /** Its password. */
    String password();

    /** The usage topic, written by ingest's outbox relay (docs/protocol.md, "Usage events, v1"). */
    @WithDefault("cairn.usage.v1")
    String usageTopic();

    /** Where records that are not usage events go, with the reason in a header. */
    @WithDefault("cairn.usage.v1.dlq")
    String deadLetterTopic();

    /** The consumer group; every metering replica joins it. */
    @WithDefault("cairn-metering")
    String group();

    /** How often stored bytes are compared with ingest's counters ({@code off} for never). */
    @WithDefault("5m")
    String reconcileEvery();

    /**
     * A tenant whose ingest counter moved more recently than this is not compared yet: its events may be on their
     * way (relay, topic, consumer).
     */
    @WithDefault("PT1M")
    Duration reconcileSettle();

    /** How often monthly statements are recomputed and finalized ({@code off} for never). */
    @WithDefault("1h")
    String statementsEvery();

    /**
     * How long after a month ends its statements stay Draft (late usage still lands in them); then they are Final,
     * and later usage of that month becomes an adjustment on a later statement.
     */
    @WithDefault("PT2H")
    Duration finalizeAfter();

    /** Webhook delivery. */
    Webhooks webhooks();

    /** Webhook delivery's settings, under {@code cairn.metering.webhooks}. */
    interface Webhooks {
        /** The wait before the second attempt; each later one waits twice the one before (at most an hour). */
        @WithDefault("PT10S")
        Duration retryBase();

        /** Attempts before a delivery is given up as Failed. */
        @WithDefault("10")
        int maxAttempts();
    }

    /** Tests only: the folder of the crash tests' fault points ({@code FaultDir}); unset in production. */
    Optional<String> faultDir();
}
