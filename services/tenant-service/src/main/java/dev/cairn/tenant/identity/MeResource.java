package dev.cairn.tenant.identity;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's own identity: what the platform knows of whoever holds the token. */
@Path("/api/v1/me")
@Tag(name = "Identity")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class MeResource {
    private final CurrentCaller caller;

    public MeResource(CurrentCaller caller) {
        this.caller = caller;
    }

    @GET
    @Operation(summary = "Who am I: subject, tenant, partner and roles from the validated token")
    public Caller me() {
        return caller.get();
    }
}
