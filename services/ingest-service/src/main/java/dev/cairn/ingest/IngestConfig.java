package dev.cairn.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The ingest pipeline's settings. */
@ConfigMapping(prefix = "cairn.ingest")
public interface IngestConfig {

    /** Broker addresses. */
    @WithDefault("127.0.0.1:9092")
    String bootstrapServers();

    /** {@code SASL_SSL} in production, {@code SASL_PLAINTEXT} on the local broker (as {@code cairn.kafka.*} says). */
    @WithDefault("${cairn.kafka.security-protocol:SASL_PLAINTEXT}")
    String securityProtocol();

    /** The SCRAM mechanism: {@code SCRAM-SHA-512} on MSK, {@code SCRAM-SHA-256} on the local broker. */
    @WithDefault("${cairn.kafka.sasl-mechanism:SCRAM-SHA-256}")
    String saslMechanism();

    /** The ingest service's SCRAM user: reads the data topic, writes the dead-letter topic. */
    @WithDefault("ingest-service")
    String username();

    /** Its password. */
    String password();

    /** The data topic. */
    @WithDefault("cairn.data.v1")
    String topic();

    /** The usage topic: the outbox's events, relayed for the metering service (docs/protocol.md). */
    @WithDefault("cairn.usage.v1")
    String usageTopic();

    /** How often the usage-event outbox is relayed to the usage topic (read by the relay's schedule). */
    @WithDefault("1s")
    String usageRelayEvery();

    /** Where rejected records go, with the reason in a header. */
    @WithDefault("cairn.data.v1.dlq")
    String deadLetterTopic();

    /** The consumer group; every ingest replica joins it. */
    @WithDefault("cairn-ingest")
    String group();

    /** Buffered bytes (all tenants) that trigger writing packs. */
    @WithDefault("33554432")
    int flushBytes();

    /**
     * The longest a chunk waits in memory before its pack is written while ingest is behind (a consumer that has
     * read its partitions to their end writes at once, however busy the topic).
     */
    @WithDefault("PT2S")
    Duration flushInterval();

    /**
     * How long a backup in progress is held without its agent renewing the lease (the agent renews every third of it);
     * a lapsed one ends Failed.
     */
    @WithDefault("PT2M")
    Duration backupLease();

    /** How often backups whose lease lapsed are ended as Failed. */
    @WithDefault("10s")
    String leaseCheckEvery();

    /** How long the pre-signed PUT URL of an upload slot (an agent's own pack upload, ADR 0025) works. */
    @WithDefault("PT15M")
    Duration uploadUrlTtl();

    /** The largest pack an agent may upload into one slot. */
    @WithDefault("67108864")
    long uploadMaxBytes();

    /**
     * How long an unused upload slot is kept after its URL expired: its object stays safe from the orphan sweep
     * while a record announcing it may still be on its way through the data topic.
     */
    @WithDefault("P1D")
    Duration uploadSlotGrace();

    /** How long the pre-signed URLs handed to restoring agents work. */
    @WithDefault("PT15M")
    Duration urlTtl();

    /** Tests only: the folder of the crash tests' fault points ({@code FaultPoints}); unset in production. */
    java.util.Optional<String> faultDir();

    /** Garbage collection (docs/adr/0015-garbage-collection.md). */
    Gc gc();

    /** How often each region's object store is probed (restores read from a copy while home does not answer). */
    @WithDefault("5s")
    String regionProbeEvery();

    /** Replication to tenants' DR regions (docs/adr/0017-replication-from-a-queue-in-the-catalog.md). */
    Replication replication();

    /** Immutable backups: S3 object lock (docs/adr/0033-immutable-backups-are-held-by-s3-object-lock.md). */
    ObjectLock objectLock();

    /** Object lock's settings, under {@code cairn.ingest.object-lock}. */
    interface ObjectLock {
        /**
         * The retention mode objects are locked in: {@code COMPLIANCE} (nobody, the bucket's owner included, can
         * shorten or remove it) or {@code GOVERNANCE} (a principal allowed {@code s3:BypassGovernanceRetention} can).
         */
        @WithDefault("COMPLIANCE")
        dev.cairn.ingest.lock.LockMode mode();

        /** How long an answer to "does this region's store lock objects?" is kept before the store is asked again. */
        @WithDefault("PT5M")
        Duration supportCacheFor();

        /**
         * How often the DR copies of held objects are looked for and held as long as their objects ({@code CopyHolds},
         * read by its schedule); {@code off} for never.
         */
        @WithDefault("1m")
        String copiesEvery();

        /** The most DR copies one round holds, per instance. */
        @WithDefault("1000")
        int copiesPerRound();
    }

    /** Replication's settings, under {@code cairn.ingest.replication}. */
    interface Replication {
        /** How often the replicator looks for tasks (read by its schedule); {@code off} for never. */
        @WithDefault("1s")
        String every();

        /** The most tasks one round takes, per instance. */
        @WithDefault("500")
        int batch();

        /** The longest a failed task, or a region that did not answer, waits before it is tried again. */
        @WithDefault("PT30S")
        Duration maxBackoff();
    }

    /** Garbage collection's settings, under {@code cairn.ingest.gc}. */
    interface Gc {
        /** Chunks, packs and promises younger than this are never swept (nor orphan objects deleted). */
        @WithDefault("PT1H")
        Duration safetyWindow();

        /**
         * A chunk's promise (answered present to an agent) is stamped again once older than this; a backup in
         * progress also protects what was promised this long before it started.
         */
        @WithDefault("PT10M")
        Duration promiseRefresh();

        /** A pack whose live chunks fall under this fraction of its chunk bytes is rewritten (1.0: any dead chunk). */
        @WithDefault("0.5")
        double repackBelow();

        /**
         * How long a rewritten or emptied pack's objects stay after it is retired; never less than the pre-signed
         * URL lifetime, so that restores in flight still read them.
         */
        @WithDefault("PT20M")
        Duration retiredGrace();

        /** How often a collection of every tenant runs on its own ({@code off} for never): any instance, one at a time. */
        @WithDefault("6h")
        String every();
    }
}
