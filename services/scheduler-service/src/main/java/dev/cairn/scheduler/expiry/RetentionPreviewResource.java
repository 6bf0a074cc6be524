package dev.cairn.scheduler.expiry;

import dev.cairn.platform.identity.Roles;
import dev.cairn.scheduler.identity.CurrentCaller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What a policy's retention keeps and would expire now. Another tenant's policy answers 404. */
@Path("/api/v1/policies/{policyId}/retention-preview")
@Tag(name = "Policies")
@Produces(MediaType.APPLICATION_JSON)
public class RetentionPreviewResource {
    private final Expiry expiry;
    private final CurrentCaller caller;

    public RetentionPreviewResource(Expiry expiry, CurrentCaller caller) {
        this.expiry = expiry;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.TENANT_VIEWER})
    @Operation(summary = "Each of the policy's backups, newest first: kept (by which rules) or expiring now (why)")
    public List<Expiry.Decision> preview(@PathParam("policyId") UUID policyId) {
        return expiry.preview(caller.tenantId(), policyId);
    }
}
