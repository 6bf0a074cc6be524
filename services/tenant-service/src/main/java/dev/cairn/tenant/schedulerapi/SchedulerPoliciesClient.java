package dev.cairn.tenant.schedulerapi;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The scheduler's internal policy API, called with the tenant service's client credentials. */
@RegisterRestClient(configKey = "scheduler-service")
@OidcClientFilter
@Path("/internal/v1/tenants")
public interface SchedulerPoliciesClient {
    /** Forgets a purged tenant's policies and runs (idempotent). */
    @DELETE
    @Path("/{tenantId}/policies")
    void forget(@PathParam("tenantId") UUID tenantId);
}
