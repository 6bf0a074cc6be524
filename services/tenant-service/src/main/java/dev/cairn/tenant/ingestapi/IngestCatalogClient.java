package dev.cairn.tenant.ingestapi;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** Ingest's internal catalog API, called with the tenant service's client credentials. */
@RegisterRestClient(configKey = "ingest-service")
@OidcClientFilter
@Path("/internal/v1/tenants")
public interface IngestCatalogClient {
    /** Forgets a purged tenant's catalog (idempotent). */
    @DELETE
    @Path("/{tenantId}/catalog")
    void forget(@PathParam("tenantId") UUID tenantId);
}
