package dev.cairn.recovery.orchestration;

import dev.cairn.recovery.RecoveryConfig;
import dev.cairn.recovery.recovery.Recovery;
import dev.cairn.recovery.recovery.RecoveryPhase;
import dev.cairn.recovery.recovery.RecoveryStore;
import dev.cairn.recovery.report.RecoveryReports;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Steps every recovery with a step due, on every instance ({@code FOR UPDATE SKIP LOCKED}: one instance steps a
 * recovery at a time). Metrics: {@code cairn_recoveries_total{phase}} (ended), {@code cairn_recovery_rto_seconds}.
 */
@ApplicationScoped
public class RecoveryDriver {
    private static final Logger LOG = Logger.getLogger(RecoveryDriver.class);

    private final RecoveryStore store;
    private final Steps steps;
    private final RecoveryConfig config;
    private final MeterRegistry metrics;
    private final RecoveryReports reports;

    public RecoveryDriver(
            RecoveryStore store, Steps steps, RecoveryConfig config, MeterRegistry metrics, RecoveryReports reports) {
        this.store = store;
        this.reports = reports;
        this.steps = steps;
        this.config = config;
        this.metrics = metrics;
        for (RecoveryPhase phase : RecoveryPhase.values()) {
            if (phase.isFinal()) {
                metrics.counter("cairn.recoveries", "phase", phase.name());
            }
        }
    }

    @Scheduled(
            every = "${cairn.recovery.drive-every:1s}",
            delayed = "3s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void drive() {
        for (UUID id : store.due(config.batch())) {
            try {
                store.step(id, steps::step)
                        .filter(s -> s.after().phase() != s.before().phase())
                        .ifPresent(s -> moved(s.after()));
            } catch (RuntimeException e) {
                LOG.errorf(e, "recovery %s: its step could not be recorded", id);
            }
        }
        reports.sealEnded(config.batch());
    }

    private void moved(Recovery r) {
        LOG.infof("recovery %s is %s: %s", r.id(), r.phase(), r.reason());
        if (r.phase().isFinal()) {
            metrics.counter("cairn.recoveries", "phase", r.phase().name()).increment();
            metrics.timer("cairn.recovery.rto").record(Duration.ofMillis((long) (r.rtoSeconds() * 1000)));
        }
    }
}
