package dev.cairn.platform.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many things are in each phase now ({@code cairn_backups{phase="InProgress"}}), as gauges registered at start for
 * every phase (a phase with none shows 0, not nothing) and set from a count the service takes on its own schedule
 * (a query per refresh, never one per scrape).
 */
public final class PhaseGauges {
    private final Map<String, AtomicLong> counts = new LinkedHashMap<>();

    /** Registers {@code name{phase}} for each constant of {@code phases}. */
    public <E extends Enum<E>> PhaseGauges(MeterRegistry metrics, String name, String description, Class<E> phases) {
        for (E phase : phases.getEnumConstants()) {
            AtomicLong count = new AtomicLong();
            counts.put(phase.name(), count);
            Gauge.builder(name, count, AtomicLong::get)
                    .description(description)
                    .tag("phase", phase.name())
                    .register(metrics);
        }
    }

    /** Sets every phase's count: those missing from {@code byPhase} to 0; unknown phases are ignored. */
    public void set(Map<String, Long> byPhase) {
        counts.forEach((phase, count) -> count.set(byPhase.getOrDefault(phase, 0L)));
    }

    /** The count last set for a phase (tests). */
    public long get(String phase) {
        AtomicLong count = counts.get(phase);
        return count == null ? 0 : count.get();
    }
}
