package dev.cairn.platform.kafka;

import dev.cairn.platform.usage.UsageEvent;
import dev.cairn.platform.usage.UsagePublisher;
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
 * idempotent producer and acknowledgement from every in-sync replica. The producer is created on first use.
 */
public class KafkaUsagePublisher implements UsagePublisher, AutoCloseable {
    private final Properties client;
    private final String topic;
    private volatile KafkaProducer<String, byte[]> producer;

    /**
     * @param client the service's client settings ({@link KafkaClients#scram})
     * @param topic the usage topic
     */
    public KafkaUsagePublisher(Properties client, String topic) {
        this.client = client;
        this.topic = topic;
    }

    @Override
    public void publish(List<UsageEvent> events) {
        List<Future<RecordMetadata>> sent = new ArrayList<>(events.size());
        for (UsageEvent e : events) {
            ProducerRecord<String, byte[]> record =
                    new ProducerRecord<>(topic, e.tenantId().toString(), e.encode());
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
                    Properties p = new Properties();
                    p.putAll(client);
                    p.put(ProducerConfig.ACKS_CONFIG, "all");
                    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
                    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
                    producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
                }
            }
        }
        return producer;
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
