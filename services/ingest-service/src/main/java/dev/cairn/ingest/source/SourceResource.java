package dev.cairn.ingest.source;

import dev.cairn.api.agent.backup.BackupPhase;
import dev.cairn.ingest.backup.Backup;
import dev.cairn.ingest.backup.BackupCatalog;
import dev.cairn.ingest.backup.BackupNotFoundException;
import dev.cairn.platform.identity.Roles;
import dev.cairn.platform.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A backup as a recovery's source (the recovery service only; not routed by the gateway). */
@Path("/internal/v1/tenants/{tenantId}/backups/{backupId}")
@Tag(name = "Internal")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.RECOVERY_SERVICE)
public class SourceResource {
    private final BackupSources sources;
    private final BackupCatalog catalog;

    public SourceResource(BackupSources sources, BackupCatalog catalog) {
        this.sources = sources;
        this.catalog = catalog;
    }

    /**
     * A backup and the regions that hold it whole.
     *
     * @param clusterId the cluster it was taken of
     * @param phase its phase (only Completed and PartiallyFailed backups restore)
     * @param regions home first, then the DR region when the tenant has one
     */
    public record Source(
            UUID backupId, UUID clusterId, BackupPhase phase, Instant completedAt, List<RegionCheck> regions) {}

    /**
     * A pin: restores of the backup read from {@code region} until {@code until}.
     *
     * @param region one of the tenant's regions
     * @param until when the pin ends by itself
     */
    public record Pin(
            @NotBlank @Size(max = 63) String region,
            @NotNull Instant until) {}

    /**
     * A sample to re-read.
     *
     * @param region where to read it
     * @param chunks how many chunks, chosen at random
     */
    public record Sample(
            @NotBlank @Size(max = 63) String region,
            @Min(1) @Max(1000) int chunks) {}

    @GET
    @Path("/source")
    @Operation(summary = "The backup, and whether its home and DR regions each hold it whole (recovery service only)")
    public Source source(@PathParam("tenantId") UUID tenantId, @PathParam("backupId") UUID backupId) {
        Backup b = catalog.find(tenantId, backupId).orElseThrow(() -> new BackupNotFoundException(backupId));
        return new Source(b.id(), b.clusterId(), b.phase(), b.completedAt(), sources.check(tenantId, backupId));
    }

    @PUT
    @Path("/source")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Pin the region restores of the backup read from (recovery service only)")
    public Response pin(
            @PathParam("tenantId") UUID tenantId, @PathParam("backupId") UUID backupId, @Valid @NotNull Pin request) {
        try {
            sources.pin(tenantId, backupId, request.region(), request.until());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("region", e.getMessage());
        }
        return Response.noContent().build();
    }

    @DELETE
    @Path("/source")
    @Operation(summary = "End the pin of the backup's restore region (recovery service only)")
    public Response unpin(@PathParam("tenantId") UUID tenantId, @PathParam("backupId") UUID backupId) {
        sources.unpin(tenantId, backupId);
        return Response.noContent().build();
    }

    @POST
    @Path("/sample")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Re-read a random sample of the backup's chunks from a region (recovery service only)")
    public SampleCheck sample(
            @PathParam("tenantId") UUID tenantId,
            @PathParam("backupId") UUID backupId,
            @Valid @NotNull Sample request) {
        return sources.sample(tenantId, backupId, request.region(), request.chunks());
    }
}
