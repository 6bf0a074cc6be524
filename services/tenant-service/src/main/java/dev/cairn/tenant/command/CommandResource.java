package dev.cairn.tenant.command;

import dev.cairn.platform.identity.Roles;
import dev.cairn.platform.page.Page;
import dev.cairn.tenant.http.Answers;
import dev.cairn.tenant.idempotency.IdempotencyKeys;
import dev.cairn.tenant.identity.CurrentCaller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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
    private final IdempotencyKeys keys;

    public CommandResource(CommandService commands, CurrentCaller caller, IdempotencyKeys keys) {
        this.keys = keys;
        this.commands = commands;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(
            summary =
                    "Ask the cluster's agent to back up now, to restore (or preview a restore), or to browse a backup's"
                            + " files (list a directory, send one file for download)")
    public Response create(
            @PathParam("clusterId") UUID clusterId,
            @Valid @NotNull NewCommand request,
            @HeaderParam("Idempotency-Key") String idempotencyKey) {
        UUID tenant = caller.tenantId();
        var queued = keys.once(
                "tenant:" + tenant,
                "command.create",
                idempotencyKey,
                java.util.List.of(clusterId, request),
                () -> commands.create(tenant, clusterId, caller.get().subject(), request),
                c -> c.id().toString(),
                id -> commands.get(tenant, clusterId, UUID.fromString(id)));
        return Answers.made(
                202,
                queued,
                "/api/v1/clusters/" + clusterId + "/commands/" + queued.result().id());
    }

    @GET
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.TENANT_VIEWER})
    @Operation(
            summary = "The cluster's commands, newest first, with progress and reports, a page at a time (cursor"
                    + " from the previous page)")
    public Page<CommandView> list(
            @PathParam("clusterId") UUID clusterId,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit,
            @QueryParam("cursor") @Size(max = 200) String cursor) {
        return commands.list(caller.tenantId(), clusterId, cursor, limit);
    }

    @GET
    @Path("/{commandId}")
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.TENANT_VIEWER})
    @Operation(summary = "One command, with its progress and final report")
    public CommandView get(@PathParam("clusterId") UUID clusterId, @PathParam("commandId") UUID commandId) {
        return commands.get(caller.tenantId(), clusterId, commandId);
    }

    @GET
    @Path("/{commandId}/file")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(
            summary = "The file a BROWSE command read from a backup for download (tenant administrators)",
            description = "As the agent decrypted it; `Repr-Digest` holds its SHA-256. 409 `download-not-ready` until"
                    + " the command is Completed, 410 `download-expired` once it is deleted (ADR 0021).")
    public Response file(@PathParam("clusterId") UUID clusterId, @PathParam("commandId") UUID commandId) {
        CommandService.CommandFile file = commands.file(caller.tenantId(), clusterId, commandId);
        String ascii = file.name().replaceAll("[^A-Za-z0-9._-]", "_");
        return Response.ok(file.content(), MediaType.APPLICATION_OCTET_STREAM_TYPE)
                .header("Content-Length", file.length())
                .header(
                        "Content-Disposition",
                        "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''"
                                + java.net.URLEncoder.encode(file.name(), java.nio.charset.StandardCharsets.UTF_8)
                                        .replace("+", "%20"))
                .header(
                        "Repr-Digest",
                        "sha-256=:"
                                + java.util.Base64.getEncoder()
                                        .encodeToString(java.util.HexFormat.of().parseHex(file.sha256()))
                                + ":")
                .header(
                        "Expires",
                        java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                                file.keptUntil().atZone(java.time.ZoneOffset.UTC)))
                .header("Cache-Control", "private, no-store")
                .build();
    }

    @POST
    @Path("/{commandId}/cancel")
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(summary = "Cancel a command that has not finished")
    public CommandView cancel(@PathParam("clusterId") UUID clusterId, @PathParam("commandId") UUID commandId) {
        return commands.cancel(caller.tenantId(), clusterId, commandId);
    }
}
