package dev.cairn.ingest.backup;

import dev.cairn.platform.identity.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Backups that a policy's retention expires (the scheduler service only; not routed by the gateway). */
@Path("/internal/v1/tenants/{tenantId}/backups")
@Tag(name = "Internal")
public class ExpiryResource {
    private final BackupService backups;

    public ExpiryResource(BackupService backups) {
        this.backups = backups;
    }

    @DELETE
    @Path("/{backupId}")
    @RolesAllowed(Roles.SCHEDULER_SERVICE)
    @Operation(summary = "Delete a backup its policy no longer keeps (scheduler service only)")
    public Response expire(@PathParam("tenantId") UUID tenantId, @PathParam("backupId") UUID backupId) {
        backups.delete(tenantId, backupId);
        return Response.noContent().build();
    }
}
