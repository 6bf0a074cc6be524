package dev.cairn.ingest.pack;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Whether each region's object store answers, probed every {@code cairn.ingest.region-probe-every}: restores read a
 * pack from its home region while it answers, else from a region it is copied to that does (ADR 0017). A region is
 * taken to answer until a probe says otherwise. Gauge {@code cairn_region_up{region}}.
 */
@ApplicationScoped
public class RegionHealth {
    private static final Logger LOG = Logger.getLogger(RegionHealth.class);

    private final PackStore store;
    private final Map<String, Boolean> up = new ConcurrentHashMap<>();

    public RegionHealth(PackStore store, MeterRegistry metrics) {
        this.store = store;
        for (String region : store.regions()) {
            Gauge.builder("cairn.region.up", this, h -> h.up(region) ? 1 : 0)
                    .tag("region", region)
                    .description("Whether the region's object store answered its last probe")
                    .register(metrics);
        }
    }

    @Scheduled(
            every = "${cairn.ingest.region-probe-every:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void probe() {
        for (String region : store.regions()) {
            boolean answers = store.reachable(region);
            Boolean before = up.put(region, answers);
            if (before == null ? !answers : before != answers) {
                LOG.warnf("region %s %s", region, answers ? "answers again" : "does not answer");
            }
        }
    }

    /** Whether the region answered its last probe (true before the first). */
    public boolean up(String region) {
        return up.getOrDefault(region, true);
    }

    /**
     * Where to read an object from: its home region while that answers, else the first region of {@code copies}
     * that does, else home (the reader will see the failure).
     */
    public String readable(String home, List<String> copies) {
        if (up(home)) {
            return home;
        }
        return copies.stream().filter(this::up).findFirst().orElse(home);
    }
}
