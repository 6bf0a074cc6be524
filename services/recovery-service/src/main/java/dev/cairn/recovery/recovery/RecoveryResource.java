package dev.cairn.recovery.recovery;

import dev.cairn.platform.identity.Roles;
import dev.cairn.platform.page.Cursor;
import dev.cairn.platform.page.Page;
import dev.cairn.recovery.identity.CurrentCaller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A tenant's recoveries. Another tenant's recovery answers 404. */
@Path("/api/v1/recoveries")
@Tag(name = "Recoveries")
@Produces(MediaType.APPLICATION_JSON)
public class RecoveryResource {
    private final RecoveryService recoveries;
    private final CurrentCaller caller;

    public RecoveryResource(RecoveryService recoveries, CurrentCaller caller) {
        this.recoveries = recoveries;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(
            summary = "Recover a backup (or the latest Completed one of a cluster) into one of your clusters",
            description = "202 with the Planned recovery and its Location; it runs by itself (Staging, Restoring,"
                    + " Verifying). Honours `Idempotency-Key`: a repeat answers the first recovery (200), the same"
                    + " key with another body is 422.")
    public Response create(
            @HeaderParam("Idempotency-Key") @Size(max = 255) String idempotencyKey,
            @Valid @NotNull NewRecovery request) {
        RecoveryStore.Created created = recoveries.create(caller.tenantId(), caller.name(), idempotencyKey, request);
        UUID id = created.recovery().id();
        return Response.status(created.created() ? 202 : 200)
                .location(URI.create("/api/v1/recoveries/" + id))
                .entity(recoveries.get(caller.tenantId(), id))
                .build();
    }

    @GET
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.TENANT_VIEWER})
    @Operation(
            summary = "Your recoveries, newest first, a page at a time",
            description = "`drill=true` lists only restore drills (their signed reports are the drill reports),"
                    + " `drill=false` only real recoveries.")
    public Page<RecoveryView> list(
            @QueryParam("drill") Boolean drill,
            @QueryParam("cursor") String cursor,
            @QueryParam("limit") @DefaultValue("50") int limit) {
        return recoveries.page(caller.tenantId(), drill, cursor, Cursor.limit(limit, 500));
    }

    @GET
    @Path("/{recoveryId}")
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.TENANT_VIEWER})
    @Operation(summary = "One recovery: phase, region, progress, report, verification, RTO and every transition")
    public RecoveryView get(@PathParam("recoveryId") UUID id) {
        return recoveries.get(caller.tenantId(), id);
    }

    @POST
    @Path("/{recoveryId}/cancel")
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(summary = "Cancel a recovery that has not ended (a restore in progress is cancelled on its agent)")
    public RecoveryView cancel(@PathParam("recoveryId") UUID id) {
        return recoveries.cancel(caller.tenantId(), id);
    }
}
