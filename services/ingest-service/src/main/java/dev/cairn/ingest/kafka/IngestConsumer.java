package dev.cairn.ingest.kafka;

import dev.cairn.data.chunk.ChunkId;
import dev.cairn.data.record.ChunkBundleV2;
import dev.cairn.data.record.PackReferenceV3;
import dev.cairn.ingest.IngestConfig;
import dev.cairn.ingest.agent.AgentDirectory;
import dev.cairn.ingest.fault.FaultPoints;
import dev.cairn.ingest.pack.Catalog;
import dev.cairn.ingest.pack.Pack;
import dev.cairn.ingest.pack.PackStore;
import dev.cairn.ingest.quota.QuotaGuard;
import dev.cairn.ingest.record.RecordCheck;
import dev.cairn.ingest.record.Verdict;
import dev.cairn.ingest.upload.UploadSlots;
import dev.cairn.platform.kafka.KafkaClients;
import dev.cairn.platform.kafka.RecordSpans;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jboss.logging.Logger;

/**
 * Consumes the data topic: authenticates each record ({@link RecordCheck}), groups accepted chunks per tenant into
 * packs, writes them to the tenant's home region, then commits packs, chunk rows, stored bytes and the consumed
 * offsets in one PostgreSQL transaction ({@link Catalog}). Offsets live in the catalog, not in Kafka: after a crash
 * the consumer resumes exactly after the last commit, and a pack uploaded but not committed is an orphan for
 * garbage collection. Packs that agents uploaded themselves (pack reference records v3, ADR 0025) are checked against
 * their upload slot and object ({@link UploadSlots}), get their index object, and commit in the same transaction.
 * Rejected records go to the dead-letter topic with the reason and the consumer goes on.
 */
@ApplicationScoped
public class IngestConsumer {
    private static final Logger LOG = Logger.getLogger(IngestConsumer.class);

    /** How long a poll waits for records. */
    private static final Duration POLL = Duration.ofMillis(200);

    private final IngestConfig config;
    private final Catalog catalog;
    private final PackStore store;
    private final RecordCheck check;
    private volatile boolean running = true;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private Thread thread;

    private final Map<UUID, Pack> packs = new LinkedHashMap<>();
    /** Packs agents uploaded, announced by records of this batch, by pack id. */
    private final Map<UUID, Pack> uploaded = new LinkedHashMap<>();

    private final Map<Integer, Long> nextOffsets = new HashMap<>();
    /** Dead-letter sends not yet acknowledged, of records not yet committed. */
    private final List<java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata>> deadLetters =
            new ArrayList<>();
    /** How many dead-lettered records of one flush are logged one by one. */
    private static final int LOGGED_DEAD_LETTERS = 10;

    private long buffered;
    private Instant oldest;

    private final FaultPoints faults;
    private final QuotaGuard quotas;
    private final UploadSlots slots;
    private final MeterRegistry metrics;
    private final Tracer tracer;
    private KafkaClientMetrics kafkaMetrics;
    private final Counter chunkRecords;
    private final Counter packRecords;
    private final Counter deadLettered;
    private final Counter acceptedBytes;

    /** {@code cairn_ingest_records_total{outcome}}: chunk bundles and pack references taken, records dead-lettered. */
    private static Counter records(MeterRegistry metrics, String outcome) {
        return Counter.builder("cairn.ingest.records")
                .description("Records of the data topic ingest handled, by outcome (a record read again after a"
                        + " restart counts again)")
                .tag("outcome", outcome)
                .register(metrics);
    }

    public IngestConsumer(
            IngestConfig config,
            Catalog catalog,
            PackStore store,
            AgentDirectory agents,
            FaultPoints faults,
            QuotaGuard quotas,
            UploadSlots slots,
            MeterRegistry metrics,
            Tracer tracer) {
        this.tracer = tracer;
        this.metrics = metrics;
        this.chunkRecords = records(metrics, "chunks");
        this.packRecords = records(metrics, "pack");
        this.deadLettered = records(metrics, "dead_lettered");
        this.acceptedBytes = Counter.builder("cairn.ingest.bytes")
                .description("Bytes of the data topic's records ingest accepted (chunk bundles, pack references)")
                .register(metrics);
        this.config = config;
        this.slots = slots;
        this.quotas = quotas;
        this.faults = faults;
        this.catalog = catalog;
        this.store = store;
        this.check = new RecordCheck(agents);
    }

    void start(@Observes StartupEvent event) {
        thread = new Thread(this::run, "cairn-ingest");
        thread.start();
        Thread watchdog = new Thread(this::watch, "cairn-ingest-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /**
     * Says so, with the consumer thread's stack, when one turn of the consumer (a poll and what it handled, or a
     * flush) has lasted over {@link #SLOW_TURN}: every tenant's data waits behind that thread, and a call without a
     * timeout (JDBC has none here) would otherwise block it without a word. Changes nothing. (Added while looking for
     * a "stall" that proved to be a write skew between pack and manifest commits, {@code BackupCatalog#lockCompletion}.)
     */
    private void watch() {
        while (running) {
            try {
                Thread.sleep(SLOW_TURN.toMillis() / 2);
            } catch (InterruptedException e) {
                return;
            }
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - turnStarted);
            Thread consumerThread = thread;
            if (seconds >= SLOW_TURN.toSeconds() && consumerThread != null && consumerThread.isAlive()) {
                StringBuilder stack = new StringBuilder();
                for (StackTraceElement frame : consumerThread.getStackTrace()) {
                    stack.append("\n\tat ").append(frame);
                }
                LOG.warnf("one turn of the ingest consumer has lasted %d s; it is at:%s", seconds, stack);
            }
        }
    }

    /** A turn of the consumer longer than this is logged with its stack ({@link #watch}). */
    private static final Duration SLOW_TURN = Duration.ofSeconds(60);

    /** When the consumer's current turn began ({@link System#nanoTime}). */
    private volatile long turnStarted = System.nanoTime();

    /** When the consumer last logged its lag while its polls found nothing. */
    private long lagLoggedAt = System.nanoTime();

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (thread != null) {
            thread.join(TimeUnit.SECONDS.toMillis(15));
        }
    }

    /** True while the consumer thread runs (readiness). */
    public boolean alive() {
        return thread != null && thread.isAlive();
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(
                            consumerProperties(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
                    KafkaProducer<byte[], byte[]> dlq = new KafkaProducer<>(
                            producerProperties(), new ByteArraySerializer(), new ByteArraySerializer())) {
                consumer = c;
                // the consumer's own metrics: records-lag-max is kafka_consumer_fetch_manager_records_lag_max
                kafkaMetrics = new KafkaClientMetrics(c);
                kafkaMetrics.bindTo(metrics);
                c.subscribe(List.of(config.topic()), new Rebalance(c));
                while (running) {
                    turnStarted = System.nanoTime();
                    ConsumerRecords<byte[], byte[]> records = c.poll(POLL);
                    if (records.isEmpty()) {
                        logLagWhileIdle(c);
                    }
                    for (ConsumerRecord<byte[], byte[]> record : records) {
                        RecordSpans.traced(tracer, "ingest", record, () -> handle(record, dlq));
                        if (buffered >= config.flushBytes()) {
                            // within the poll: a pack holds at most flush-bytes and one record (memory, and the
                            // quota's overshoot, are bounded by it)
                            flush();
                        }
                    }
                    if (buffered >= config.flushBytes()
                            // caught up: the last pack of a backup goes now rather than after the flush interval
                            || (oldest != null && caughtUp(c, records))
                            || (oldest != null
                                    && oldest.plus(config.flushInterval()).isBefore(Instant.now()))
                            || (buffered == 0 && !nextOffsets.isEmpty())) {
                        flush();
                    }
                }
            } catch (WakeupException e) {
                // stopping
            } catch (RuntimeException | OutOfMemoryError e) {
                // nothing uncommitted is kept: dropping it frees its memory, and the records are read again
                discardUncommitted();
                LOG.errorf(e, "ingest failed; resuming from the last committed offsets in 5 s");
                discardUncommitted();
                sleep(5000);
            }
            closeKafkaMetrics();
            discardUncommitted();
        }
    }

    /**
     * True when this consumer has handed over every record its partitions had at the last fetch: a poll found none,
     * or every assigned partition's lag is known and zero. Not just the empty poll: one tenant backing up without a
     * pause keeps every poll busy, and the other tenants' last packs then waited for the flush interval (2 s) behind
     * it, where a caught-up consumer can write them at once (the noisy-neighbour load test: p99 of small backups 3.9×
     * a quiet platform's beside a loud tenant, 1.4× with this). Behind (lag), packs still fill up to the flush size or
     * interval.
     */
    static boolean caughtUp(org.apache.kafka.clients.consumer.Consumer<?, ?> c, ConsumerRecords<?, ?> records) {
        if (records.isEmpty()) {
            return true;
        }
        for (TopicPartition partition : c.assignment()) {
            java.util.OptionalLong lag = c.currentLag(partition);
            if (lag.isEmpty() || lag.getAsLong() > 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Polls that find nothing while the topic has records for this consumer (its lag) mean it is not being given
     * them: said once a minute, with the lag, so that such a stall shows in the log.
     */
    private void logLagWhileIdle(KafkaConsumer<byte[], byte[]> c) {
        long now = System.nanoTime();
        if (now - lagLoggedAt < SLOW_TURN.toNanos()) {
            return;
        }
        lagLoggedAt = now;
        double lag = 0;
        for (var metric : c.metrics().entrySet()) {
            if (metric.getKey().name().equals("records-lag-max")
                    && metric.getValue().metricValue() instanceof Double value
                    && !value.isNaN()) {
                lag = Math.max(lag, value);
            }
        }
        if (lag > 0) {
            LOG.warnf("ingest's polls find nothing while its lag is %.0f records (assigned: %s)", lag, c.assignment());
        }
    }

    private void handle(ConsumerRecord<byte[], byte[]> record, KafkaProducer<byte[], byte[]> dlq) {
        Map<String, byte[]> headers = new HashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value());
        }
        Verdict verdict = check.check(record.key(), headers, record.value());
        if (verdict instanceof Verdict.Accepted accepted) {
            chunkRecords.increment();
            acceptedBytes.increment(record.value() == null ? 0 : record.value().length);
            Pack pack = packs.computeIfAbsent(accepted.tenantId(), t -> new Pack(t, accepted.homeRegion()));
            for (ChunkBundleV2.Chunk chunk : accepted.chunks()) {
                if (pack.add(chunk.id(), chunk.envelope())) {
                    buffered += chunk.envelope().length;
                }
            }
            if (oldest == null) {
                oldest = Instant.now();
            }
        } else if (verdict instanceof Verdict.Uploaded upload) {
            PackReferenceV3 reference = upload.pack();
            UploadSlots.Check check = uploaded.containsKey(reference.packId())
                    ? UploadSlots.Check.refused("pack " + reference.packId() + " is announced twice")
                    : slots.check(
                            upload.tenantId(),
                            upload.agentId(),
                            upload.backupId(),
                            reference.packId(),
                            reference.size(),
                            reference.md5());
            if (check.accepted()) {
                packRecords.increment();
                acceptedBytes.increment(record.value() == null ? 0 : record.value().length);
                uploaded.put(reference.packId(), Pack.uploaded(upload.tenantId(), check.region(), reference));
                if (oldest == null) {
                    oldest = Instant.now();
                }
            } else {
                deadLetter(dlq, record, check.refusal());
            }
        } else if (verdict instanceof Verdict.Rejected rejected) {
            deadLetter(dlq, record, rejected.reason());
        }
        nextOffsets.put(record.partition(), record.offset() + 1);
    }

    /**
     * Sends the record to the dead-letter topic without waiting: {@link #flush} waits for every such send before it
     * commits offsets past them. The first few of a flush are logged one by one, the rest counted.
     */
    private void deadLetter(KafkaProducer<byte[], byte[]> dlq, ConsumerRecord<byte[], byte[]> record, String reason) {
        deadLetters.add(KafkaClients.deadLetterAsync(dlq, config.deadLetterTopic(), record, reason));
        deadLettered.increment();
        if (deadLetters.size() <= LOGGED_DEAD_LETTERS) {
            LOG.warnf("record %s/%d/%d dead-lettered: %s", record.topic(), record.partition(), record.offset(), reason);
        }
    }

    /** Waits for the dead-letter sends of the records about to be committed; throws when one failed. */
    private void awaitDeadLetters() {
        if (deadLetters.isEmpty()) {
            return;
        }
        if (deadLetters.size() > LOGGED_DEAD_LETTERS) {
            LOG.warnf("%d more records dead-lettered in this batch", deadLetters.size() - LOGGED_DEAD_LETTERS);
        }
        try {
            for (var sent : deadLetters) {
                sent.get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("dead-letter topic unavailable: " + e.getMessage(), e);
        }
        deadLetters.clear();
    }

    /** Writes the buffered packs (minus chunks the catalog already has), then commits them with the offsets. */
    private void flush() {
        List<Pack> written = new ArrayList<>();
        if (!uploaded.isEmpty()) {
            faults.pass(FaultPoints.Point.BEFORE_UPLOADED_INDEX);
        }
        for (Pack pack : uploaded.values()) {
            // its agent wrote the pack; the index (the bucket's own description of it) is ingest's, from the record
            store.put(pack.region(), pack.tenantId(), PackStore.indexOf(PackStore.packName(pack.id())), pack.index());
            written.add(pack);
        }
        if (!packs.isEmpty()) {
            faults.pass(FaultPoints.Point.BEFORE_PACK_UPLOAD);
        }
        for (Pack pack : packs.values()) {
            Set<ChunkId> ids = new HashSet<>();
            pack.entries().forEach(e -> ids.add(e.id()));
            ids.removeAll(catalog.known(pack.tenantId(), ids));
            Pack fresh = pack.retain(ids);
            if (fresh.entries().isEmpty()) {
                continue;
            }
            store.put(fresh.region(), fresh.tenantId(), PackStore.packName(fresh.id()), fresh.data());
            faults.pass(FaultPoints.Point.BETWEEN_PACK_AND_INDEX);
            store.put(
                    fresh.region(), fresh.tenantId(), PackStore.indexOf(PackStore.packName(fresh.id())), fresh.index());
            written.add(fresh);
        }
        if (written.size() > uploaded.size()) {
            faults.pass(FaultPoints.Point.BEFORE_CATALOG_COMMIT);
        }
        Set<UUID> tenants = new HashSet<>();
        written.forEach(p -> tenants.add(p.tenantId()));
        // the offsets committed below pass the dead-lettered records: their sends must have landed
        awaitDeadLetters();
        List<Pack> refused = catalog.commit(written, config.topic(), nextOffsets, quotas.limits(tenants));
        for (Pack pack : refused) {
            // never in the catalog: its objects go now (garbage collection's orphan sweep would find them later)
            LOG.warnf("pack %s of tenant %s refused: the tenant is at its quota", pack.id(), pack.tenantId());
            try {
                store.delete(pack.region(), PackStore.key(pack.tenantId(), PackStore.packName(pack.id())));
                store.delete(
                        pack.region(),
                        PackStore.key(pack.tenantId(), PackStore.indexOf(PackStore.packName(pack.id()))));
            } catch (RuntimeException e) {
                LOG.warnf("objects of refused pack %s stay for the orphan sweep: %s", pack.id(), e.getMessage());
            }
        }
        written.removeAll(refused);
        if (!written.isEmpty()) {
            faults.pass(FaultPoints.Point.AFTER_CATALOG_COMMIT);
        }
        if (!written.isEmpty()) {
            LOG.infof(
                    "committed %d pack(s), %d chunk(s)",
                    written.size(),
                    written.stream().mapToInt(p -> p.entries().size()).sum());
        }
        packs.clear();
        uploaded.clear();
        nextOffsets.clear();
        buffered = 0;
        oldest = null;
    }

    /** Unbinds the closed consumer's metrics (the next consumer binds its own). */
    private void closeKafkaMetrics() {
        if (kafkaMetrics != null) {
            kafkaMetrics.close();
            kafkaMetrics = null;
        }
    }

    private void discardUncommitted() {
        deadLetters.clear();
        packs.clear();
        uploaded.clear();
        nextOffsets.clear();
        buffered = 0;
        oldest = null;
    }

    /** Flushes before partitions go; resumes assigned partitions from the catalog's offsets. */
    private final class Rebalance implements ConsumerRebalanceListener {
        private final KafkaConsumer<byte[], byte[]> c;

        Rebalance(KafkaConsumer<byte[], byte[]> c) {
            this.c = c;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (!packs.isEmpty() || !uploaded.isEmpty() || !nextOffsets.isEmpty()) {
                try {
                    flush();
                } catch (RuntimeException e) {
                    // nothing was committed: whoever gets the partitions re-reads from the catalog's offsets
                    LOG.warnf("could not commit before losing partitions (%s); they will be re-read", e.getMessage());
                    discardUncommitted();
                }
            }
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            Map<Integer, Long> committed = catalog.offsets(config.topic());
            for (TopicPartition partition : partitions) {
                Long next = committed.get(partition.partition());
                if (next != null) {
                    c.seek(partition, next);
                } else {
                    c.seekToBeginning(List.of(partition));
                }
            }
        }
    }

    private Properties consumerProperties() {
        Properties p = KafkaClients.committingConsumer(common(), config.group(), 200);
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(8 * 1024 * 1024));
        // bounded memory: one fetch holds at most 16 MiB whatever the number of partitions
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Integer.toString(16 * 1024 * 1024));
        return p;
    }

    private Properties producerProperties() {
        Properties p = KafkaClients.reliableProducer(common());
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(8 * 1024 * 1024));
        return p;
    }

    private Properties common() {
        return KafkaClients.scram(
                config.bootstrapServers(),
                config.securityProtocol(),
                config.saslMechanism(),
                config.username(),
                config.password());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
