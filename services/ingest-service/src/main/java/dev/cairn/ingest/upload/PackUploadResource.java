package dev.cairn.ingest.upload;

import dev.cairn.api.agent.backup.PackUpload;
import dev.cairn.ingest.agent.Caller;
import dev.cairn.platform.identity.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Upload slots for agents that put their packs into object storage themselves (ADR 0025). */
@Path("/api/v1/backups/{backupId}/packs")
@Tag(name = "Backups")
@Produces(MediaType.APPLICATION_JSON)
public class PackUploadResource {
    private final UploadSlots slots;
    private final Caller caller;

    public PackUploadResource(UploadSlots slots, Caller caller) {
        this.slots = slots;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(Roles.AGENT)
    @Operation(
            summary = "An upload slot for one pack of a backup in progress (agents): a fresh pack id and a pre-signed"
                    + " PUT URL for its object; the pack counts once a pack reference record v3 announces it."
                    + " Honours `Idempotency-Key`.")
    public Response slot(@PathParam("backupId") UUID backupId, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
            throw dev.cairn.platform.problem.ProblemException.invalidField("Idempotency-Key", "1 to 200 characters");
        }
        PackUpload slot = slots.issue(caller.agent(), backupId, idempotencyKey);
        return Response.status(201).entity(slot).build();
    }
}
