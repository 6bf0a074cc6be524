package dev.cairn.tenant.tenant;

import dev.cairn.platform.identity.Roles;
import dev.cairn.tenant.identity.CurrentCaller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's own tenant. There is no tenant id in these paths: it comes from the token. */
@Path("/api/v1/tenant")
@Tag(name = "Tenant")
@Produces(MediaType.APPLICATION_JSON)
public class TenantResource {
    private final TenantService tenants;
    private final CurrentCaller caller;

    public TenantResource(TenantService tenants, CurrentCaller caller) {
        this.tenants = tenants;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.TENANT_VIEWER})
    @Operation(summary = "Read my tenant: plan, quota, regions, phase")
    public TenantView get() {
        return TenantView.of(tenants.get(caller.tenantId()));
    }

    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(summary = "Rename my tenant or change its disaster-recovery region")
    public TenantView update(@Valid @NotNull TenantUpdate update) {
        return TenantView.of(tenants.update(caller.tenantId(), update));
    }

    @DELETE
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(summary = "Delete my tenant after a grace period (its keys, objects and users are then destroyed)")
    public Response delete() {
        return Response.accepted(TenantView.of(tenants.requestDeletion(caller.tenantId())))
                .location(java.net.URI.create("/api/v1/tenant"))
                .build();
    }

    @POST
    @Path("/cancel-deletion")
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(summary = "Cancel my tenant's deletion during its grace period")
    public TenantView cancelDeletion() {
        return TenantView.of(tenants.cancelDeletion(caller.tenantId()));
    }
}
