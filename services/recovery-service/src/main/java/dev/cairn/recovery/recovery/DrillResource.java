package dev.cairn.recovery.recovery;

import dev.cairn.platform.identity.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Policies' restore drills, asked for by the scheduler (the scheduler service only; not routed by the gateway). */
@Path("/internal/v1/drills")
@Tag(name = "Internal")
@Produces(MediaType.APPLICATION_JSON)
public class DrillResource {
    private final RecoveryService recoveries;

    public DrillResource(RecoveryService recoveries) {
        this.recoveries = recoveries;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SCHEDULER_SERVICE)
    @Operation(summary = "Start a policy run's restore drill, once per run (scheduler service only)")
    public RecoveryView request(@Valid @NotNull PolicyDrill drill) {
        return recoveries.drill(drill);
    }
}
