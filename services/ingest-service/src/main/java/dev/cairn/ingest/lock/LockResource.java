package dev.cairn.ingest.lock;

import dev.cairn.platform.identity.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Immutable backups of a tenant (the scheduler service only: it holds the backups of immutable policies; not routed by
 * the gateway).
 */
@Path("/internal/v1/tenants/{tenantId}/immutability")
@Tag(name = "Internal")
@Produces(MediaType.APPLICATION_JSON)
public class LockResource {
    private final BackupLocks locks;

    public LockResource(BackupLocks locks) {
        this.locks = locks;
    }

    /**
     * How long to hold a backup.
     *
     * @param until the date before which the backup can be neither deleted nor changed
     */
    public record LockBackup(@NotNull @Future Instant until) {}

    /**
     * A backup held immutable.
     *
     * @param backupId the backup
     * @param lockedUntil until when it is held (later than asked when it was held longer already)
     */
    public record BackupLock(UUID backupId, Instant lockedUntil) {}

    @GET
    @RolesAllowed(Roles.SCHEDULER_SERVICE)
    @Operation(summary = "Whether the tenant's backups can be made immutable: object lock in its home region")
    public BackupLocks.Immutability immutability(@PathParam("tenantId") UUID tenantId) {
        return locks.immutability(tenantId);
    }

    @PUT
    @Path("/backups/{backupId}")
    @RolesAllowed(Roles.SCHEDULER_SERVICE)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Hold a completed backup immutable until a date (scheduler service only)")
    public BackupLock lock(
            @PathParam("tenantId") UUID tenantId,
            @PathParam("backupId") UUID backupId,
            @Valid @NotNull LockBackup request) {
        return new BackupLock(backupId, locks.lock(tenantId, backupId, request.until()));
    }
}
