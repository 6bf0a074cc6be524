package dev.cairn.tenant.kafka;

import dev.cairn.platform.kafka.KafkaClients;
import dev.cairn.platform.kafka.KafkaUsagePublisher;
import dev.cairn.platform.usage.UsageOutbox;
import dev.cairn.platform.usage.UsageRelay;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Relays the tenant service's usage outbox to the usage topic every {@code cairn.kafka.usage-relay-every}. */
@ApplicationScoped
public class UsageRelayJob {
    private final KafkaUsagePublisher publisher;
    private final UsageRelay relay;

    public UsageRelayJob(KafkaConfig config, AgroalDataSource db, MeterRegistry metrics) {
        this.publisher = new KafkaUsagePublisher(
                KafkaClients.scram(
                        config.bootstrapServers(),
                        config.securityProtocol(),
                        config.saslMechanism(),
                        config.username(),
                        config.password()),
                config.usageTopic());
        this.relay = new UsageRelay(new UsageOutbox(db), publisher, metrics);
    }

    @Scheduled(
            every = "${cairn.kafka.usage-relay-every:1s}",
            delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void relay() {
        relay.relayAll();
    }

    void stop(@Observes ShutdownEvent event) {
        publisher.close();
    }
}
