package dev.cairn.ingest.rebuild;

import dev.cairn.platform.identity.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Operators rebuild a tenant's catalog from a region's bucket (after losing the database, or to check it). */
@Path("/api/v1/admin/catalog/{tenantId}/rebuild")
@Tag(name = "Operations")
@Produces(MediaType.APPLICATION_JSON)
public class RebuildResource {
    private final CatalogRebuild rebuild;

    public RebuildResource(CatalogRebuild rebuild) {
        this.rebuild = rebuild;
    }

    @POST
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(summary = "Rebuild a tenant's catalog from the objects of a region alone (platform operators)")
    public CatalogRebuild.Report rebuild(
            @PathParam("tenantId") UUID tenant, @QueryParam("region") @NotBlank String region) {
        return rebuild.rebuild(tenant, region);
    }
}
