package dev.cairn.ingest.tenantapi;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The tenant service's internal tenant API (quota, regions), called with the ingest service's client credentials. */
@RegisterRestClient(configKey = "tenant-service")
@OidcClientFilter
@Path("/internal/v1/tenants")
public interface TenantQuotaClient {
    /** A tenant's plan, limit and regions; {@link NoSuchTenantException} when there is no such tenant. */
    @GET
    @Path("/{tenantId}/quota")
    @Produces(MediaType.APPLICATION_JSON)
    QuotaAnswer quota(@PathParam("tenantId") UUID tenantId);

    /** The answer's body. */
    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
    record QuotaAnswer(UUID tenantId, String plan, long limitBytes, String homeRegion, String drRegion) {}

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        if (response.getStatus() == 404) {
            return new NoSuchTenantException();
        }
        return new IllegalStateException("the tenant service answered HTTP " + response.getStatus());
    }

    /** The tenant service knows no such tenant (or it is deleted). */
    final class NoSuchTenantException extends RuntimeException {
        NoSuchTenantException() {
            super("no such tenant", null, false, false);
        }
    }
}
