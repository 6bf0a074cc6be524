package dev.cairn.tenant.ingestapi;

import dev.cairn.tenant.deletion.TenantCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** The purged tenant's catalog, forgotten through ingest's internal API. */
@ApplicationScoped
public class IngestTenantCatalog implements TenantCatalog {
    private final IngestCatalogClient ingest;

    public IngestTenantCatalog(@RestClient IngestCatalogClient ingest) {
        this.ingest = ingest;
    }

    @Override
    public void forget(UUID tenantId) {
        ingest.forget(tenantId);
    }
}
