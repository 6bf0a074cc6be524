package dev.cairn.ingest.replication;

import dev.cairn.ingest.agent.Caller;
import dev.cairn.platform.identity.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A tenant's replication to its DR region: lag in seconds and bytes (its RPO now). */
@Path("/api/v1/replication")
@Tag(name = "Replication")
@Produces(MediaType.APPLICATION_JSON)
public class ReplicationResource {
    private final Replication replication;
    private final Caller caller;

    public ReplicationResource(Replication replication, Caller caller) {
        this.replication = replication;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.TENANT_VIEWER})
    @Operation(summary = "My replication to my DR region: objects and bytes behind, lag in seconds")
    public ReplicationStatus status() {
        return replication.status(caller.tenant());
    }
}
