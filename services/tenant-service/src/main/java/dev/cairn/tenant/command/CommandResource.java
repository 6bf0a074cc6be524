package dev.cairn.tenant.command;

import dev.cairn.platform.identity.Roles;
import dev.cairn.tenant.identity.CurrentCaller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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

/** A tenant's commands to its clusters' agents. Another tenant's cluster or command answers 404. */
@Path("/api/v1/clusters/{clusterId}/commands")
@Tag(name = "Commands")
@Produces(MediaType.APPLICATION_JSON)
public class CommandResource {
    private final CommandService commands;
    private final CurrentCaller caller;

    public CommandResource(CommandService commands, CurrentCaller caller) {
        this.commands = commands;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(summary = "Ask the cluster's agent to back up now or to restore (or preview a restore)")
    public Response create(@PathParam("clusterId") UUID clusterId, @Valid @NotNull NewCommand request) {
        return Response.status(202)
                .entity(commands.create(
                        caller.tenantId(), clusterId, caller.get().subject(), request))
                .build();
    }

    @GET
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.TENANT_VIEWER})
    @Operation(summary = "The cluster's latest commands, newest first, with progress and reports")
    public List<CommandView> list(
            @PathParam("clusterId") UUID clusterId,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return commands.list(caller.tenantId(), clusterId, limit);
    }

    @GET
    @Path("/{commandId}")
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.TENANT_VIEWER})
    @Operation(summary = "One command, with its progress and final report")
    public CommandView get(@PathParam("clusterId") UUID clusterId, @PathParam("commandId") UUID commandId) {
        return commands.get(caller.tenantId(), clusterId, commandId);
    }

    @POST
    @Path("/{commandId}/cancel")
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(summary = "Cancel a command that has not finished")
    public CommandView cancel(@PathParam("clusterId") UUID clusterId, @PathParam("commandId") UUID commandId) {
        return commands.cancel(caller.tenantId(), clusterId, commandId);
    }
}
