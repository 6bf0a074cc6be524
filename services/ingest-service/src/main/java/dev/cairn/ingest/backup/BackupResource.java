package dev.cairn.ingest.backup;

import dev.cairn.api.agent.backup.AbortBackup;
import dev.cairn.api.agent.backup.BackupView;
import dev.cairn.api.agent.backup.ChunkIds;
import dev.cairn.api.agent.backup.Locations;
import dev.cairn.api.agent.backup.StartBackup;
import dev.cairn.data.chunk.ChunkId;
import dev.cairn.ingest.agent.Caller;
import dev.cairn.ingest.replication.BackupReplication;
import dev.cairn.ingest.replication.Replication;
import dev.cairn.platform.identity.Roles;
import dev.cairn.platform.page.Page;
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
import java.io.InputStream;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Backups of the caller's tenant: agents start and commit them; the tenant's users and agents read them. */
@Path("/api/v1/backups")
@Tag(name = "Backups")
@Produces(MediaType.APPLICATION_JSON)
public class BackupResource {
    private final BackupService backups;
    private final Caller caller;
    private final Replication replication;

    public BackupResource(BackupService backups, Caller caller, Replication replication) {
        this.replication = replication;
        this.backups = backups;
        this.caller = caller;
    }

    private static BackupView view(Backup b) {
        return new BackupView(
                b.id(),
                b.clusterId(),
                b.source(),
                b.phase(),
                b.failure(),
                b.startedAt(),
                b.finishedAt(),
                b.completedAt(),
                b.statistics(),
                b.messages(),
                b.referenceCount(),
                b.root().stream().map(ChunkId::hex).toList(),
                b.leaseUntil(),
                b.lockedUntil());
    }

    @POST
    @RolesAllowed(Roles.AGENT)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start a backup (agents)")
    public Response start(
            @Valid @NotNull StartBackup request,
            @HeaderParam("Idempotency-Key") @Size(min = 1, max = 200) String idempotencyKey) {
        BackupService.Started started = backups.start(caller.agent(), request.source(), idempotencyKey);
        Backup b = started.backup();
        return Response.status(started.created() ? 201 : 200)
                .location(URI.create("/api/v1/backups/" + b.id()))
                .entity(view(b))
                .build();
    }

    @GET
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.TENANT_VIEWER, Roles.AGENT})
    @Operation(
            summary = "The tenant's backups, newest first, optionally of one cluster, a page at a time (cursor from"
                    + " the previous page)")
    public Page<BackupView> list(
            @QueryParam("clusterId") UUID clusterId,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit,
            @QueryParam("cursor") @Size(max = 200) String cursor) {
        Page<Backup> page = backups.list(caller.readingTenant(), clusterId, cursor, limit);
        return new Page<>(page.items().stream().map(BackupResource::view).toList(), page.nextCursor());
    }

    @GET
    @Path("/{backupId}")
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.TENANT_VIEWER, Roles.AGENT})
    @Operation(summary = "Read a backup")
    public BackupView get(@PathParam("backupId") UUID id) {
        return view(backups.get(caller.readingTenant(), id));
    }

    @GET
    @Path("/{backupId}/replication")
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.TENANT_VIEWER})
    @Operation(summary = "Whether a backup is protected in my DR region (all of it copied there)")
    public BackupReplication replication(@PathParam("backupId") UUID id) {
        var backup = backups.get(caller.tenant(), id);
        return replication.backup(caller.tenant(), id, backup.completedAt());
    }

    @DELETE
    @Path("/{backupId}")
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(
            summary = "Delete a finished backup: its manifest and catalog entry; its data is freed by garbage"
                    + " collection once no other backup references it")
    public Response delete(@PathParam("backupId") UUID id) {
        backups.delete(caller.tenant(), id);
        return Response.noContent().build();
    }

    @PUT
    @Path("/{backupId}/manifest")
    @RolesAllowed(Roles.AGENT)
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    @Operation(summary = "Commit a backup with its manifest v1 (agents; docs/protocol.md)")
    public BackupView commit(@PathParam("backupId") UUID id, InputStream manifest) {
        return view(backups.commit(caller.agent(), id, manifest));
    }

    @POST
    @Path("/{backupId}/lease")
    @RolesAllowed(Roles.AGENT)
    @Operation(
            summary = "Renew the lease of a backup in progress (agents, every third of it); a backup whose lease lapses"
                    + " ends Failed")
    public BackupView renew(@PathParam("backupId") UUID id) {
        return view(backups.renew(caller.agent(), id));
    }

    @POST
    @Path("/{backupId}/abort")
    @RolesAllowed(Roles.AGENT)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Give a backup up as Failed (agents)")
    public BackupView abort(@PathParam("backupId") UUID id, @Valid @NotNull AbortBackup request) {
        return view(backups.abort(caller.agent(), id, request.reason()));
    }

    @POST
    @Path("/{backupId}/locations")
    @RolesAllowed(Roles.AGENT)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Where a backup's chunks are, with short-lived pre-signed URLs (agents restoring or verifying)")
    public Locations locate(@PathParam("backupId") UUID id, @Valid @NotNull ChunkIds request) {
        Set<ChunkId> ids = new LinkedHashSet<>();
        request.ids().forEach(i -> ids.add(ChunkId.parse(i)));
        return backups.locate(caller.agent().tenantId(), id, ids);
    }
}
