package dev.cairn.platform.kafka;

import dev.cairn.platform.tenant.TenantEvent;
import dev.cairn.platform.tenant.TenantForgetting;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jboss.logging.Logger;

/**
 * Reads the tenants' life-cycle topic in a service that keeps tenant data (one that has a {@link TenantForgetting}
 * bean; in any other it does nothing): for every purged tenant the service forgets what it keeps (ADR 0030). One
 * record at a time, its offset committed only once it was acted on: a service that stops (or is killed) half-way
 * acts on it again when it comes back; a forgetting that fails is tried again after {@code retry-after}, never
 * skipped; a record that is not a tenant event goes to the dead-letter topic and the consumer goes on.
 */
@ApplicationScoped
public class TenantEventsConsumer {
    private static final Logger LOG = Logger.getLogger(TenantEventsConsumer.class);

    private final TenantEventsConfig config;
    private final Instance<TenantForgetting> forgettings;
    private final MeterRegistry metrics;
    private final CountDownLatch retry = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private KafkaClientMetrics kafkaMetrics;
    private Thread thread;

    public TenantEventsConsumer(
            TenantEventsConfig config, Instance<TenantForgetting> forgettings, MeterRegistry metrics) {
        this.config = config;
        this.forgettings = forgettings;
        this.metrics = metrics;
    }

    void start(@Observes StartupEvent event) {
        if (forgettings.isUnsatisfied()) {
            return; // this service keeps no tenant data
        }
        if (config.password().isEmpty()) {
            throw new IllegalStateException("cairn.tenant-events.password (or cairn.kafka.password) is not set: this"
                    + " service keeps tenant data and must hear of purged tenants");
        }
        thread = new Thread(this::run, "cairn-tenant-events");
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        retry.countDown();
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            thread.join(TimeUnit.SECONDS.toMillis(15));
        }
    }

    private void run() {
        Counter forgotten = Counter.builder("cairn.tenant.events")
                .description("Tenant life-cycle events acted on")
                .tag("outcome", "forgotten")
                .register(metrics);
        Counter deadLettered = Counter.builder("cairn.tenant.events")
                .description("Tenant life-cycle events acted on")
                .tag("outcome", "dead_lettered")
                .register(metrics);
        while (running) {
            try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(
                            consumerProperties(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
                    KafkaProducer<byte[], byte[]> dlq = new KafkaProducer<>(
                            producerProperties(), new ByteArraySerializer(), new ByteArraySerializer())) {
                consumer = c;
                kafkaMetrics = new KafkaClientMetrics(c); // the consumer's lag: kafka_consumer_fetch_manager_*
                kafkaMetrics.bindTo(metrics);
                c.subscribe(List.of(config.topic()));
                while (running) {
                    for (ConsumerRecord<byte[], byte[]> record : c.poll(Duration.ofSeconds(1))) {
                        TenantEvent event;
                        try {
                            event = TenantEvent.decode(record.value() == null ? new byte[0] : record.value());
                        } catch (IllegalArgumentException e) {
                            KafkaClients.deadLetter(dlq, config.deadLetterTopic(), record, e.getMessage());
                            deadLettered.increment();
                            LOG.warnf(
                                    "record %s/%d/%d dead-lettered: %s",
                                    record.topic(), record.partition(), record.offset(), e.getMessage());
                            commit(c, record);
                            continue;
                        }
                        act(event);
                        forgotten.increment();
                        commit(c, record);
                    }
                }
            } catch (WakeupException e) {
                // stopping
            } catch (RuntimeException e) {
                // the consumer is closed without committing the failed record: the next one resumes there
                LOG.warnf("tenant events: %s; trying again in %s", e.getMessage(), config.retryAfter());
                await(config.retryAfter());
            }
            if (kafkaMetrics != null) {
                kafkaMetrics.close();
                kafkaMetrics = null;
            }
        }
    }

    private void act(TenantEvent event) {
        if (event.type() == TenantEvent.Type.Deleted) {
            for (TenantForgetting forgetting : forgettings) {
                long count = forgetting.forget(event.tenantId());
                LOG.infof("tenant %s purged: %s forgotten (%d)", event.tenantId(), forgetting.what(), count);
            }
        }
    }

    private static void commit(KafkaConsumer<byte[], byte[]> c, ConsumerRecord<byte[], byte[]> record) {
        c.commitSync(Map.of(
                new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1)));
    }

    private void await(Duration duration) {
        try {
            retry.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** A group that starts afresh learns of every tenant purged before it (the topic is compacted, kept forever). */
    private Properties consumerProperties() {
        return KafkaClients.committingConsumer(common(), config.group(), 100);
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
                config.password().orElseThrow());
    }
}
