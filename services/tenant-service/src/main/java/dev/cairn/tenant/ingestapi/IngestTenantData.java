package dev.cairn.tenant.ingestapi;

import dev.cairn.tenant.deletion.TenantData;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** The purged tenant's catalog, forgotten through ingest's internal API. */
@ApplicationScoped
public class IngestTenantData implements TenantData {
    private final IngestCatalogClient ingest;

    public IngestTenantData(@RestClient IngestCatalogClient ingest) {
        this.ingest = ingest;
    }

    @Override
    public String what() {
        return "ingest catalog";
    }

    @Override
    public void forget(UUID tenantId) {
        ingest.forget(tenantId);
    }
}
