package dev.cairn.recovery.recovery;

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
 * A purged tenant's recoveries (targets, mappings, reports), forgotten when the tenant service purges the tenant.
 * Idempotent; internal only.
 */
@Path("/internal/v1/tenants/{tenantId}/recoveries")
@Tag(name = "Internal")
@Produces(MediaType.APPLICATION_JSON)
public class TenantRecoveriesResource {
    private final RecoveryStore store;

    public TenantRecoveriesResource(RecoveryStore store) {
        this.store = store;
    }

    /**
     * What forgetting removed.
     *
     * @param tenantId the tenant
     * @param recoveries how many recoveries it had (0 when they were forgotten already)
     */
    public record Forgotten(UUID tenantId, int recoveries) {}

    @DELETE
    @RolesAllowed(Roles.TENANT_SERVICE)
    @Operation(summary = "Forget a purged tenant's recoveries and their reports (tenant service only)")
    public Forgotten forget(@PathParam("tenantId") UUID tenantId) {
        return new Forgotten(tenantId, store.forgetTenant(tenantId));
    }
}
