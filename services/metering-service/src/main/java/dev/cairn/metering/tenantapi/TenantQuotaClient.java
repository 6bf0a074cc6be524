package dev.cairn.metering.tenantapi;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The tenant service's internal tenant and plan API, called with the metering service's client credentials. */
@RegisterRestClient(configKey = "tenant-service")
@OidcClientFilter
@Path("/")
public interface TenantQuotaClient {
    /** A tenant's plan, limit, partner and name; {@link NotFoundException} when there is no such tenant. */
    @GET
    @Path("internal/v1/tenants/{tenantId}/quota")
    @Produces(MediaType.APPLICATION_JSON)
    AccountAnswer account(@PathParam("tenantId") UUID tenantId);

    /** The accounts of up to 1,000 tenants (those that exist and are not deleted). */
    @POST
    @Path("internal/v1/tenants/quotas")
    @Produces(MediaType.APPLICATION_JSON)
    @Consumes(MediaType.APPLICATION_JSON)
    List<AccountAnswer> accounts(TenantIds request);

    /** The body of {@link #accounts}. */
    record TenantIds(List<UUID> tenantIds) {}

    /** A page of a partner's customers. */
    @GET
    @Path("internal/v1/partners/{partnerId}/tenants")
    @Produces(MediaType.APPLICATION_JSON)
    AccountPage customers(
            @PathParam("partnerId") UUID partnerId, @QueryParam("cursor") UUID cursor, @QueryParam("limit") int limit);

    /** A page of the plans. */
    @GET
    @Path("api/v1/plans")
    @Produces(MediaType.APPLICATION_JSON)
    PlanPage plans(@QueryParam("cursor") String cursor, @QueryParam("limit") int limit);

    /** A tenant's account. */
    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
    record AccountAnswer(UUID tenantId, String plan, long limitBytes, UUID partnerId, String name) {}

    /** A page of accounts. */
    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
    record AccountPage(List<AccountAnswer> items, String nextCursor) {}

    /** A plan. */
    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
    record PlanAnswer(
            String code,
            String name,
            long storedBytesLimit,
            String currency,
            BigDecimal pricePerTbMonth,
            BigDecimal pricePerClusterMonth) {}

    /** A page of plans. */
    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
    record PlanPage(List<PlanAnswer> items, String nextCursor) {}

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        if (response.getStatus() == 404) {
            return new NotFoundException();
        }
        return new IllegalStateException("the tenant service answered HTTP " + response.getStatus());
    }

    /** The tenant service knows no such thing (or it is deleted). */
    final class NotFoundException extends RuntimeException {
        NotFoundException() {
            super("not found", null, false, false);
        }
    }
}
