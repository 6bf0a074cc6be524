package dev.cairn.scheduler.policy;

import dev.cairn.platform.identity.Roles;
import dev.cairn.platform.page.Page;
import dev.cairn.scheduler.identity.CurrentCaller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A tenant's backup policies. Another tenant's policy answers 404. */
@Path("/api/v1/policies")
@Tag(name = "Policies")
@Produces(MediaType.APPLICATION_JSON)
public class PolicyResource {
    private final PolicyService policies;
    private final CurrentCaller caller;

    public PolicyResource(PolicyService policies, CurrentCaller caller) {
        this.policies = policies;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(
            summary = "Create a backup policy: what, on which cluster, when (cron in a time zone, or an interval),"
                    + " what to keep; a repeated Idempotency-Key answers the policy it made")
    public Response create(
            @Valid @NotNull NewPolicy request,
            @HeaderParam("Idempotency-Key") @Size(max = 200) String idempotencyKey,
            @jakarta.ws.rs.core.Context UriInfo uri) {
        PolicyService.Created created = policies.create(caller.tenantId(), request, idempotencyKey);
        return (created.repeated() ? Response.ok() : Response.status(201))
                .location(uri.getAbsolutePathBuilder()
                        .path(created.policy().id().toString())
                        .build())
                .entity(created.policy())
                .build();
    }

    @GET
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.TENANT_VIEWER})
    @Operation(summary = "The tenant's policies, oldest first, a page at a time (cursor from the previous page)")
    public Page<PolicyView> list(
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit,
            @QueryParam("cursor") @Size(max = 200) String cursor) {
        return policies.list(caller.tenantId(), cursor, limit);
    }

    @GET
    @Path("/{policyId}")
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.TENANT_VIEWER})
    @Operation(summary = "One policy, with its next fire")
    public PolicyView get(@PathParam("policyId") UUID id) {
        return policies.get(caller.tenantId(), id);
    }

    @PUT
    @Path("/{policyId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(summary = "Replace a policy")
    public PolicyView replace(@PathParam("policyId") UUID id, @Valid @NotNull NewPolicy request) {
        return policies.replace(caller.tenantId(), id, request);
    }

    @POST
    @Path("/{policyId}/pause")
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(summary = "Hold a policy's schedule")
    public PolicyView pause(@PathParam("policyId") UUID id) {
        return policies.pause(caller.tenantId(), id, true);
    }

    @POST
    @Path("/{policyId}/resume")
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(summary = "Let a paused policy's schedule fire again")
    public PolicyView resume(@PathParam("policyId") UUID id) {
        return policies.pause(caller.tenantId(), id, false);
    }

    @DELETE
    @Path("/{policyId}")
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(summary = "Delete a policy (its backups stay, and expire no more)")
    public Response delete(@PathParam("policyId") UUID id) {
        policies.delete(caller.tenantId(), id);
        return Response.noContent().build();
    }
}
