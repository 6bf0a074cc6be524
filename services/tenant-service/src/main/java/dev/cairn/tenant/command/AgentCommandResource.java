package dev.cairn.tenant.command;

import dev.cairn.api.agent.command.Delivery;
import dev.cairn.api.agent.command.StatusReport;
import dev.cairn.platform.identity.Roles;
import dev.cairn.platform.problem.ProblemException;
import dev.cairn.tenant.identity.CurrentCaller;
import io.smallrye.common.annotation.RunOnVirtualThread;
import io.vertx.core.http.HttpServerResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The agent's side of the command channel: an outbound-only long-poll (works through HTTP proxies, no inbound
 * port) and status reports. The cluster comes from the agent's token, so an agent sees only its own commands.
 */
@Path("/api/v1/agent/commands")
@Tag(name = "Agents")
@Produces(MediaType.APPLICATION_JSON)
public class AgentCommandResource {
    private final CommandService commands;
    private final CurrentCaller caller;

    public AgentCommandResource(CommandService commands, CurrentCaller caller) {
        this.commands = commands;
        this.caller = caller;
    }

    @GET
    @RolesAllowed(Roles.AGENT)
    @RunOnVirtualThread
    @Operation(
            summary = "Take the commands to start, waiting up to `wait` seconds for one to arrive; a newer poll of the"
                    + " same cluster ends this one at once (empty)")
    public Delivery poll(
            @QueryParam("wait") @DefaultValue("0") @Min(0) @Max(60) int wait, @Context HttpServerResponse response) {
        // a poll whose agent went away (its connection closed) must not take commands it can never receive
        return commands.poll(caller.tenantId(), caller.clusterId(), Duration.ofSeconds(wait), () -> !response.closed());
    }

    @PUT
    @Path("/{commandId}/file")
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    @RolesAllowed(Roles.AGENT)
    @Operation(
            summary = "Send the file a running BROWSE download read (before reporting it Completed)",
            description = "At most 1 GiB with its Content-Length; the tenant's administrators download it for"
                    + " `cairn.commands.download-keep` (ADR 0021).")
    public Response file(
            @PathParam("commandId") UUID commandId, @HeaderParam("Content-Length") Long length, InputStream content) {
        if (length == null || length < 0) {
            throw new ProblemException(411, "length-required", "Length required", "send the file's Content-Length");
        }
        commands.storeFile(caller.tenantId(), caller.clusterId(), commandId, content, length);
        return Response.noContent().build();
    }

    @POST
    @Path("/{commandId}/status")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.AGENT)
    @Operation(summary = "Report progress (Running) or the final phase and report of a command")
    public StatusReport.Answer report(@PathParam("commandId") UUID commandId, @Valid @NotNull StatusReport status) {
        return commands.report(caller.tenantId(), caller.clusterId(), commandId, status);
    }
}
