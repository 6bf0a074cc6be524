package dev.cairn.scheduler.fire;

import dev.cairn.platform.identity.Roles;
import dev.cairn.platform.page.Page;
import dev.cairn.scheduler.identity.CurrentCaller;
import dev.cairn.scheduler.run.RunPhase;
import dev.cairn.scheduler.run.RunView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A policy's runs, and "run now". Another tenant's policy answers 404. */
@Path("/api/v1/policies/{policyId}")
@Tag(name = "Policies")
@Produces(MediaType.APPLICATION_JSON)
public class RunResource {
    private final Runs runs;
    private final CurrentCaller caller;

    public RunResource(Runs runs, CurrentCaller caller) {
        this.runs = runs;
        this.caller = caller;
    }

    @POST
    @Path("/run")
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(summary = "Run the policy now, outside its schedule (409 while its previous run is still going)")
    public Response runNow(@PathParam("policyId") UUID policyId) {
        RunView run = runs.runNow(caller.tenantId(), policyId);
        return Response.status(202)
                .location(java.net.URI.create("/api/v1/policies/" + policyId + "/runs/" + run.id()))
                .entity(run)
                .build();
    }

    @GET
    @Path("/runs/{runId}")
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.TENANT_VIEWER})
    @Operation(summary = "One run of the policy: its phase, its command and backup, how it ended and why")
    public RunView get(@PathParam("policyId") UUID policyId, @PathParam("runId") UUID runId) {
        return runs.get(caller.tenantId(), policyId, runId);
    }

    @GET
    @Path("/runs")
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.TENANT_VIEWER})
    @Operation(
            summary = "The policy's runs (those in one phase, when asked), newest first, with how each ended and why")
    public Page<RunView> list(
            @PathParam("policyId") UUID policyId,
            @QueryParam("phase") RunPhase phase,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit,
            @QueryParam("cursor") @Size(max = 200) String cursor) {
        return runs.list(caller.tenantId(), policyId, phase, cursor, limit);
    }
}
