package dev.cairn.tenant.region;

import dev.cairn.platform.region.RegionsConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/** Keeps the region table in step with the configuration, and answers which regions are offered. */
@ApplicationScoped
public class RegionCatalog {
    private static final Logger LOG = Logger.getLogger(RegionCatalog.class);

    private final RegionsConfig config;

    public RegionCatalog(RegionsConfig config) {
        this.config = config;
    }

    @Transactional
    void onStart(@Observes StartupEvent event) {
        synchronize(config.regions());
    }

    /** Adds or renames configured regions and deactivates the ones no longer configured. */
    @Transactional
    public void synchronize(Map<String, RegionsConfig.RegionConfig> configured) {
        Instant now = Instant.now();
        for (var entry : configured.entrySet()) {
            Region region = Region.findById(entry.getKey());
            if (region == null) {
                region = new Region();
                region.code = entry.getKey();
                region.createdAt = now;
                LOG.infof("region %s added", entry.getKey());
            }
            region.displayName = entry.getValue().displayName();
            region.active = true;
            region.updatedAt = now;
            region.persist();
        }
        for (Region region : Region.<Region>listAll()) {
            if (!configured.containsKey(region.code) && region.active) {
                region.active = false;
                region.updatedAt = now;
                LOG.warnf("region %s is no longer configured: deactivated", region.code);
            }
        }
    }

    /** The regions a tenant may choose. */
    public List<Region> offered() {
        return Region.listActive();
    }

    /** True when {@code code} names an active region. */
    public boolean isOffered(String code) {
        Region region = Region.findById(code);
        return region != null && region.active;
    }
}
