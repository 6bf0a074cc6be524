package dev.cairn.metering.kafka;

import dev.cairn.metering.MeteringConfig;
import dev.cairn.metering.quota.QuotaWatch;
import dev.cairn.metering.usage.UsageLedger;
import dev.cairn.platform.fault.FaultDir;
import dev.cairn.platform.kafka.KafkaClients;
import dev.cairn.platform.kafka.RecordSpans;
import dev.cairn.platform.usage.UsageEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jboss.logging.Logger;

/**
 * Consumes the usage topic: each poll's records are decoded ({@link UsageEvent}); what is not a usage event goes to
 * the dead-letter topic with the reason, and the rest is counted with the offsets in one PostgreSQL transaction
 * ({@link UsageLedger}). Offsets live in the database, not in Kafka: after a crash the consumer resumes exactly after
 * the last commit, and an event delivered twice (the relay is at least once) counts once by its id. Each event has a
 * span in the trace it was written in (CloudEvents' {@code traceparent}), from its receipt to its batch's commit.
 */
@ApplicationScoped
public class UsageConsumer {
    private static final Logger LOG = Logger.getLogger(UsageConsumer.class);
    /** The crash tests' point: a batch written, not committed. */
    public static final String BEFORE_COMMIT = "METERING_BEFORE_COMMIT";

    private final MeteringConfig config;
    private final UsageLedger ledger;
    private final QuotaWatch quotas;
    private final FaultDir faults;
    private final Counter counted;
    private final Counter deadLettered;
    private final MeterRegistry metrics;
    private final Tracer tracer;
    private volatile boolean running = true;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private KafkaClientMetrics kafkaMetrics;
    private Thread thread;

    public UsageConsumer(
            MeteringConfig config, UsageLedger ledger, QuotaWatch quotas, MeterRegistry metrics, Tracer tracer) {
        this.metrics = metrics;
        this.tracer = tracer;
        this.config = config;
        this.ledger = ledger;
        this.quotas = quotas;
        this.faults = new FaultDir(config.faultDir());
        this.counted = Counter.builder("cairn.metering.events")
                .description("Usage event records consumed into the aggregates (a redelivered id counts once)")
                .register(metrics);
        this.deadLettered = Counter.builder("cairn.metering.dead.lettered")
                .description("Records of the usage topic that were not usage events")
                .register(metrics);
    }

    void start(@Observes StartupEvent event) {
        thread = new Thread(this::run, "cairn-metering");
        thread.start();
    }

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
                kafkaMetrics = new KafkaClientMetrics(c); // the consumer's lag: kafka_consumer_fetch_manager_*
                kafkaMetrics.bindTo(metrics);
                c.subscribe(List.of(config.usageTopic()), new Rebalance(c));
                while (running) {
                    ConsumerRecords<byte[], byte[]> records = c.poll(Duration.ofMillis(500));
                    if (!records.isEmpty()) {
                        consume(records, dlq);
                    }
                }
            } catch (WakeupException e) {
                // stopping
            } catch (RuntimeException e) {
                LOG.errorf(e, "metering failed; resuming from the last committed offsets in 5 s");
                sleep(5000);
            }
            if (kafkaMetrics != null) {
                kafkaMetrics.close();
                kafkaMetrics = null;
            }
        }
    }

    private void consume(ConsumerRecords<byte[], byte[]> records, KafkaProducer<byte[], byte[]> dlq) {
        List<UsageEvent> events = new ArrayList<>(records.count());
        // each event's span, in the trace it was written in (a backup's, a request's), until its batch commits
        List<Span> spans = new ArrayList<>(records.count());
        Map<Integer, Long> next = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            try {
                UsageEvent event = UsageEvent.decode(record.value() == null ? new byte[0] : record.value());
                events.add(event);
                if (event.traceparent() != null) { // an event outside any trace gets no root span of its own
                    spans.add(RecordSpans.start(tracer, "meter", record, event.traceparent()));
                }
            } catch (IllegalArgumentException e) {
                deadLetter(record, e.getMessage(), dlq);
            }
            next.put(record.partition(), record.offset() + 1);
        }
        Set<UUID> touched;
        try {
            touched = ledger.apply(events, config.usageTopic(), next, () -> faults.pass(BEFORE_COMMIT));
        } catch (RuntimeException e) {
            RecordSpans.end(spans, e);
            throw e;
        }
        RecordSpans.end(spans, null);
        counted.increment(events.size());
        quotas.check(touched);
    }

    private void deadLetter(ConsumerRecord<byte[], byte[]> record, String reason, KafkaProducer<byte[], byte[]> dlq) {
        KafkaClients.deadLetter(dlq, config.deadLetterTopic(), record, reason);
        deadLettered.increment();
        LOG.warnf("record %s/%d/%d dead-lettered: %s", record.topic(), record.partition(), record.offset(), reason);
    }

    /** Resumes assigned partitions from the database's offsets. */
    private final class Rebalance implements ConsumerRebalanceListener {
        private final KafkaConsumer<byte[], byte[]> c;

        Rebalance(KafkaConsumer<byte[], byte[]> c) {
            this.c = c;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // every batch is committed before the next poll: nothing is held between polls
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            Map<Integer, Long> committed = ledger.offsets(config.usageTopic());
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
        return KafkaClients.committingConsumer(common(), config.group(), 2000);
    }

    private Properties producerProperties() {
        return KafkaClients.reliableProducer(common());
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
