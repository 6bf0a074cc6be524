package dev.cairn.platform.usage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Relays an outbox to the usage topic, a thousand events per transaction until none are left; each service that
 * writes an outbox calls {@link #relayAll()} on its schedule, on every instance (rows one instance relays are skipped
 * by the others). At least once: an event sent whose row was not marked (a crash in between) is sent again, and
 * metering counts its id once. Meters: {@code cairn.usage.relayed}, {@code cairn.usage.relay.lag.seconds}.
 */
public class UsageRelay {
    private static final Logger LOG = Logger.getLogger(UsageRelay.class);
    private static final int BATCH = 1000;

    private final UsageOutbox outbox;
    private final UsagePublisher publisher;
    private final Counter relayed;

    public UsageRelay(UsageOutbox outbox, UsagePublisher publisher, MeterRegistry metrics) {
        this.outbox = outbox;
        this.publisher = publisher;
        this.relayed = Counter.builder("cairn.usage.relayed")
                .description("Usage events relayed from the outbox to the usage topic")
                .register(metrics);
        Gauge.builder("cairn.usage.relay.lag.seconds", this, UsageRelay::lagSeconds)
                .description("Age of the oldest usage event not relayed yet (0 when none)")
                .register(metrics);
    }

    /** Relays until the outbox is empty; a failure is logged and the rows stay for the next round. */
    public void relayAll() {
        try {
            int sent;
            do {
                sent = outbox.relay(BATCH, publisher::publish);
                relayed.increment(sent);
            } while (sent == BATCH);
        } catch (RuntimeException e) {
            LOG.warnf(
                    "usage events not relayed this round (they stay in the outbox): %s%s",
                    e.getMessage(),
                    e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")");
        }
    }

    private double lagSeconds() {
        try {
            Instant oldest = outbox.backlog().oldest();
            return oldest == null ? 0 : Duration.between(oldest, Instant.now()).toMillis() / 1000.0;
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
