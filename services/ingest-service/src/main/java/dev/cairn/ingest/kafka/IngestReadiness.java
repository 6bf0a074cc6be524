package dev.cairn.ingest.kafka;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the consumer thread runs. */
@Readiness
@ApplicationScoped
public class IngestReadiness implements HealthCheck {
    private final IngestConsumer consumer;

    public IngestReadiness(IngestConsumer consumer) {
        this.consumer = consumer;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("ingest-consumer")
                .status(consumer.alive())
                .build();
    }
}
