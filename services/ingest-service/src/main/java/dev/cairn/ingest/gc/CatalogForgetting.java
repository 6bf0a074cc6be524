package dev.cairn.ingest.gc;

import dev.cairn.platform.tenant.TenantForgetting;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * A purged tenant's catalog (backups, their source paths and messages, chunks, packs), forgotten when the tenant's
 * purge is announced (its objects go next, by the tenant service): the stored bytes go back to zero with a negative
 * usage event, so that metering stops counting them. Idempotent.
 */
@ApplicationScoped
public class CatalogForgetting implements TenantForgetting {
    private final GcCatalog catalog;

    public CatalogForgetting(GcCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public String what() {
        return "backup catalog (stored bytes freed)";
    }

    @Override
    public long forget(UUID tenantId) {
        return catalog.forgetTenant(tenantId);
    }
}
