package dev.cairn.tenant.kafka;

import dev.cairn.platform.kafka.KafkaClients;
import dev.cairn.platform.tenant.TenantEvent;
import dev.cairn.tenant.deletion.TenantEventOutbox;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jboss.logging.Logger;

/**
 * Relays the tenants' life-cycle outbox to {@code cairn.tenants.v1}, keyed by tenant, every second; an event is
 * marked relayed once the broker acknowledged it (all in-sync replicas), so a failure sends it again later.
 */
@ApplicationScoped
public class TenantEventRelayJob {
    private static final Logger LOG = Logger.getLogger(TenantEventRelayJob.class);

    private final KafkaConfig config;
    private final TenantEventOutbox outbox;
    private volatile KafkaProducer<byte[], byte[]> producer;

    public TenantEventRelayJob(KafkaConfig config, TenantEventOutbox outbox) {
        this.config = config;
        this.outbox = outbox;
    }

    @Scheduled(every = "1s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void relay() {
        List<TenantEvent> events = outbox.unrelayed(100);
        if (events.isEmpty()) {
            return;
        }
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        for (TenantEvent event : events) {
            sends.add(producer()
                    .send(new ProducerRecord<>(
                            config.tenantTopic(),
                            event.tenantId().toString().getBytes(StandardCharsets.UTF_8),
                            event.encode())));
        }
        List<UUID> relayed = new ArrayList<>();
        for (int i = 0; i < sends.size(); i++) {
            try {
                sends.get(i).get(30, TimeUnit.SECONDS);
                relayed.add(events.get(i).id());
            } catch (Exception e) {
                LOG.warnf("tenant event %s not relayed yet: %s", events.get(i).id(), e.getMessage());
                break; // in order: the rest waits for the next run
            }
        }
        outbox.relayed(relayed);
    }

    private KafkaProducer<byte[], byte[]> producer() {
        if (producer == null) {
            Properties p = KafkaClients.reliableProducer(KafkaClients.scram(
                    config.bootstrapServers(),
                    config.securityProtocol(),
                    config.saslMechanism(),
                    config.username(),
                    config.password()));
            producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    void stop(@Observes ShutdownEvent event) {
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(5));
        }
    }
}
