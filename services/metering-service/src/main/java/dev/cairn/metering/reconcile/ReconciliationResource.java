package dev.cairn.metering.reconcile;

import dev.cairn.platform.identity.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Operators read the last reconciliation or run one now. */
@Path("/api/v1/admin/metering/reconciliation")
@Tag(name = "Operations")
@Produces(MediaType.APPLICATION_JSON)
public class ReconciliationResource {
    private final Reconciliation reconciliation;

    public ReconciliationResource(Reconciliation reconciliation) {
        this.reconciliation = reconciliation;
    }

    @GET
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(summary = "The last reconciliation of metered stored bytes with ingest's counters (operators)")
    public ReconciliationReport last() {
        ReconciliationReport last = reconciliation.last();
        return last != null ? last : reconciliation.run();
    }

    @POST
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(summary = "Reconcile now (operators)")
    public ReconciliationReport run() {
        return reconciliation.run();
    }
}
