package dev.cairn.ingest.gc;

import dev.cairn.platform.identity.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A purged tenant's catalog, forgotten when the tenant service purges it (its objects go next): the stored bytes go
 * back to zero with a negative usage event, so that metering stops counting them. Idempotent; internal only.
 */
@Path("/internal/v1/tenants/{tenantId}/catalog")
@Tag(name = "Internal")
@Produces(MediaType.APPLICATION_JSON)
public class TenantCatalogResource {
    private final GcCatalog catalog;

    public TenantCatalogResource(GcCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * What forgetting gave back.
     *
     * @param tenantId the tenant
     * @param storedBytesFreed its stored bytes, now 0 (0 when it was forgotten already)
     */
    public record Forgotten(UUID tenantId, long storedBytesFreed) {}

    @DELETE
    @RolesAllowed(Roles.TENANT_SERVICE)
    @Operation(summary = "Forget a purged tenant's backups, chunks and stored bytes (tenant service only)")
    public Forgotten forget(@PathParam("tenantId") UUID tenantId) {
        return new Forgotten(tenantId, catalog.forgetTenant(tenantId));
    }
}
