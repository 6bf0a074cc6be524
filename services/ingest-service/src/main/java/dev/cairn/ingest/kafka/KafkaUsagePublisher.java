package dev.cairn.ingest.kafka;

import dev.cairn.ingest.IngestConfig;
import dev.cairn.ingest.usage.UsagePublisher;
import dev.cairn.platform.kafka.KafkaClients;
import dev.cairn.platform.usage.UsageEvent;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Usage events onto the usage topic, keyed by tenant (one tenant's events stay in order on one partition), with an
 * idempotent producer and acknowledgement from every in-sync replica. Created on first use.
 */
@ApplicationScoped
public class KafkaUsagePublisher implements UsagePublisher {
    private final IngestConfig config;
    private volatile KafkaProducer<String, byte[]> producer;

    public KafkaUsagePublisher(IngestConfig config) {
        this.config = config;
    }

    @Override
    public void publish(List<UsageEvent> events) {
        List<Future<RecordMetadata>> sent = new ArrayList<>(events.size());
        for (UsageEvent e : events) {
            ProducerRecord<String, byte[]> record =
                    new ProducerRecord<>(config.usageTopic(), e.tenantId().toString(), e.encode());
            record.headers().add("ce_type", e.kind().eventType().getBytes(StandardCharsets.UTF_8));
            sent.add(producer().send(record));
        }
        try {
            for (Future<RecordMetadata> f : sent) {
                f.get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("usage topic unavailable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while relaying usage events", e);
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            synchronized (this) {
                if (producer == null) {
                    Properties p = KafkaClients.scram(
                            config.bootstrapServers(), config.securityProtocol(), config.username(), config.password());
                    p.put(ProducerConfig.ACKS_CONFIG, "all");
                    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
                    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
                    producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
                }
            }
        }
        return producer;
    }

    void stop(@Observes ShutdownEvent event) {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
