package dev.cairn.tenant.partner;

import dev.cairn.platform.identity.Roles;
import dev.cairn.platform.page.Page;
import dev.cairn.tenant.http.Answers;
import dev.cairn.tenant.idempotency.IdempotencyKeys;
import dev.cairn.tenant.identity.CurrentCaller;
import dev.cairn.tenant.plan.PlanService;
import dev.cairn.tenant.plan.QuotaChange;
import dev.cairn.tenant.plan.QuotaView;
import dev.cairn.tenant.tenant.TenantView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A partner's customer tenants. The partner comes from its token; another partner's tenant answers 404. */
@Path("/api/v1/partner/tenants")
@Tag(name = "Partners")
@Produces(MediaType.APPLICATION_JSON)
public class CustomerTenantResource {
    private final PartnerService partners;
    private final PlanService plans;
    private final CurrentCaller caller;
    private final IdempotencyKeys keys;

    public CustomerTenantResource(
            PartnerService partners, PlanService plans, CurrentCaller caller, IdempotencyKeys keys) {
        this.keys = keys;
        this.partners = partners;
        this.plans = plans;
        this.caller = caller;
    }

    @PUT
    @Path("/{tenantId}/quota")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PARTNER_ADMIN)
    @Operation(summary = "Set the quota of one of my customer tenants, within its plan's limit")
    public QuotaView setQuota(@PathParam("tenantId") UUID tenantId, @Valid @NotNull QuotaChange change) {
        return plans.setCustomerQuota(caller.partnerId(), tenantId, change.quotaBytes());
    }

    @GET
    @RolesAllowed(Roles.PARTNER_ADMIN)
    @Operation(summary = "My customer tenants, oldest first, a page at a time (cursor from the previous page)")
    public Page<TenantView> list(
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit,
            @QueryParam("cursor") @Size(max = 200) String cursor) {
        return partners.customers(caller.partnerId(), cursor, limit);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PARTNER_ADMIN)
    @Operation(summary = "Create a customer tenant on the Free plan and invite its administrator")
    public Response create(
            @Valid @NotNull CustomerTenantRequest request, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        UUID partner = caller.partnerId();
        var made = keys.once(
                "partner:" + partner,
                "customer.create",
                idempotencyKey,
                request,
                () -> partners.createCustomer(partner, request),
                c -> c.tenant().id().toString(),
                id -> partners.customerCreatedAgain(partner, UUID.fromString(id), request));
        return Answers.made(
                201, made, "/api/v1/partner/tenants/" + made.result().tenant().id());
    }

    @GET
    @Path("/{tenantId}")
    @RolesAllowed(Roles.PARTNER_ADMIN)
    @Operation(summary = "Read one of my customer tenants")
    public TenantView get(@PathParam("tenantId") UUID tenantId) {
        return partners.customer(caller.partnerId(), tenantId);
    }
}
