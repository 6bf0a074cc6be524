package dev.cairn.tenant.plan;

import dev.cairn.platform.identity.Roles;
import dev.cairn.platform.page.Page;
import dev.cairn.tenant.identity.CurrentCaller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Plans and quotas over HTTP: everyone signed in reads the plans; operators define plans and move tenants between
 * them (a partner sets its customers' quotas in {@code CustomerTenantResource}); ingest and metering read a tenant's
 * quota on the internal path (never routed by the gateway).
 */
@Path("/")
@Tag(name = "Plans")
@Produces(MediaType.APPLICATION_JSON)
public class PlanResource {
    private final PlanService plans;
    private final CurrentCaller caller;

    public PlanResource(PlanService plans, CurrentCaller caller) {
        this.plans = plans;
        this.caller = caller;
    }

    @GET
    @Path("api/v1/plans")
    @RolesAllowed({
        Roles.TENANT_ADMIN,
        Roles.TENANT_VIEWER,
        Roles.PARTNER_ADMIN,
        Roles.PLATFORM_ADMIN,
        Roles.METERING_SERVICE
    })
    @Operation(summary = "List the plans: limits and prices")
    public Page<PlanView> list(
            @QueryParam("cursor") String cursor, @QueryParam("limit") @DefaultValue("100") int limit) {
        return plans.list(cursor, limit);
    }

    @POST
    @Path("api/v1/admin/plans")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(
            summary = "Define a plan (operators)",
            description = "Idempotent on the plan's code: the same definition again answers 200, another one 409.")
    public Response create(@Valid @NotNull PlanView plan) {
        boolean created = plans.create(plan);
        return Response.status(created ? 201 : 200)
                .entity(plans.get(plan.code()))
                .build();
    }

    @PUT
    @Path("api/v1/admin/tenants/{tenantId}/plan")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(summary = "Put a tenant on a plan (operators); its quota becomes the plan's limit")
    public QuotaView changePlan(@PathParam("tenantId") UUID tenantId, @Valid @NotNull PlanChange change) {
        return plans.changePlan(tenantId, change.plan());
    }

    @GET
    @Path("internal/v1/partners/{partnerId}/tenants")
    @RolesAllowed(Roles.METERING_SERVICE)
    @Operation(summary = "A partner's customer tenants with their plans and quotas, in id order (metering only)")
    public Page<QuotaView> customers(
            @PathParam("partnerId") UUID partnerId,
            @QueryParam("cursor") UUID cursor,
            @QueryParam("limit") @DefaultValue("500") int limit) {
        return plans.customers(partnerId, cursor, limit);
    }

    @POST
    @Path("internal/v1/tenants/quotas")
    @RolesAllowed(Roles.METERING_SERVICE)
    @Operation(
            summary = "The quotas of up to 1,000 tenants at once (metering only)",
            description = "A lookup, not a creation: the tenants of `tenantIds` that exist and are not deleted; the"
                    + " others are left out.")
    public List<QuotaView> quotas(@Valid @NotNull TenantIds request) {
        return plans.quotas(request.tenantIds());
    }

    /** The body of a bulk quota lookup. */
    public record TenantIds(
            @NotNull @jakarta.validation.constraints.Size(max = 1000)
            List<@NotNull UUID> tenantIds) {}

    @GET
    @Path("internal/v1/tenants/{tenantId}/quota")
    @RolesAllowed({Roles.INGEST_SERVICE, Roles.METERING_SERVICE})
    @Operation(summary = "A tenant's plan, limit and regions (ingest and metering only)")
    public QuotaView quota(@PathParam("tenantId") UUID tenantId) {
        return plans.quota(tenantId);
    }
}
