package dev.cairn.ingest.quota;

import dev.cairn.ingest.pack.Catalog;
import dev.cairn.platform.usage.Quota;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Decides against the exact stored-bytes counter: may this tenant start a backup, and what limits hold for the
 * tenants of a pack commit. When the tenant service cannot say, ingest goes on without a limit (a backup service that
 * stops backing up because its billing side is down protects nobody); the commit path checks again at every pack.
 */
@ApplicationScoped
public class QuotaGuard {
    private static final Logger LOG = Logger.getLogger(QuotaGuard.class);

    private final QuotaDirectory directory;
    private final Catalog catalog;

    public QuotaGuard(QuotaDirectory directory, Catalog catalog) {
        this.directory = directory;
        this.catalog = catalog;
    }

    /** Refuses a new backup with 403 {@code quota-exceeded} when the tenant is at its limit. */
    public void admitBackup(UUID tenantId) {
        Optional<Quota> quota = lookup(tenantId);
        if (quota.isPresent()) {
            long stored = catalog.storedBytes(tenantId);
            if (!quota.get().allows(stored)) {
                throw quota.get().exceeded(stored);
            }
        }
    }

    /** The quotas of the given tenants that could be found now. */
    public Map<UUID, Quota> limits(Iterable<UUID> tenants) {
        Map<UUID, Quota> limits = new HashMap<>();
        for (UUID tenant : tenants) {
            lookup(tenant).ifPresent(q -> limits.put(tenant, q));
        }
        return limits;
    }

    private Optional<Quota> lookup(UUID tenantId) {
        try {
            return directory.find(tenantId);
        } catch (RuntimeException e) {
            LOG.warnf("quota of tenant %s unknown for now (%s): going on without a limit", tenantId, e.getMessage());
            return Optional.empty();
        }
    }
}
