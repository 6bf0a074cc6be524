package dev.cairn.tenant.command;

import dev.cairn.platform.identity.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The commands the platform's services queue for tenants' clusters: the scheduler its policies' runs, the recovery
 * service its recoveries' restores (those services only; not routed by the gateway).
 */
@Path("/internal/v1/commands")
@Tag(name = "Internal")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.SCHEDULER_SERVICE, Roles.RECOVERY_SERVICE})
public class ScheduledCommandResource {
    private final CommandService commands;

    public ScheduledCommandResource(CommandService commands) {
        this.commands = commands;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SCHEDULER_SERVICE)
    @Operation(summary = "Queue a policy run's BACKUP command, once per run (scheduler service only)")
    public CommandView queue(@Valid @NotNull ScheduledCommand request) {
        return commands.createScheduled(request);
    }

    @POST
    @Path("/restores")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.RECOVERY_SERVICE)
    @Operation(summary = "Queue a recovery's RESTORE command, once per recovery (recovery service only)")
    public CommandView queueRestore(@Valid @NotNull RecoveryCommand request) {
        return commands.createRecovery(request);
    }

    @GET
    @Path("/{commandId}")
    @Operation(summary = "A command, with its phase and report (scheduler and recovery services only)")
    public CommandView get(@PathParam("commandId") UUID commandId) {
        return commands.getAny(commandId);
    }

    @POST
    @Path("/{commandId}/cancel")
    @Operation(summary = "Cancel a run's or a recovery's command (scheduler and recovery services only)")
    public CommandView cancel(@PathParam("commandId") UUID commandId) {
        return commands.cancelAny(commandId);
    }
}
