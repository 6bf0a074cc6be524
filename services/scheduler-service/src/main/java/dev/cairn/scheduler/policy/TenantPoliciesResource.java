package dev.cairn.scheduler.policy;

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
 * A purged tenant's policies (names, selectors, schedules) and runs, forgotten when the tenant service purges the
 * tenant. Idempotent; internal only.
 */
@Path("/internal/v1/tenants/{tenantId}/policies")
@Tag(name = "Internal")
@Produces(MediaType.APPLICATION_JSON)
public class TenantPoliciesResource {
    private final PolicyService policies;

    public TenantPoliciesResource(PolicyService policies) {
        this.policies = policies;
    }

    /**
     * What forgetting removed.
     *
     * @param tenantId the tenant
     * @param policies how many policies it had (0 when they were forgotten already)
     */
    public record Forgotten(UUID tenantId, int policies) {}

    @DELETE
    @RolesAllowed(Roles.TENANT_SERVICE)
    @Operation(summary = "Forget a purged tenant's policies and their runs (tenant service only)")
    public Forgotten forget(@PathParam("tenantId") UUID tenantId) {
        return new Forgotten(tenantId, policies.forgetTenant(tenantId));
    }
}
