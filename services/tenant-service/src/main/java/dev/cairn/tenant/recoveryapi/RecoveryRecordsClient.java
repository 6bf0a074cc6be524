package dev.cairn.tenant.recoveryapi;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The recovery service's internal API, called with the tenant service's client credentials. */
@RegisterRestClient(configKey = "recovery-service")
@OidcClientFilter
@Path("/internal/v1/tenants")
public interface RecoveryRecordsClient {
    /** Forgets a purged tenant's recoveries and their reports (idempotent). */
    @DELETE
    @Path("/{tenantId}/recoveries")
    void forget(@PathParam("tenantId") UUID tenantId);
}
