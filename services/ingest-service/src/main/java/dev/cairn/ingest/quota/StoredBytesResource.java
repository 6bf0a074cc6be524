package dev.cairn.ingest.quota;

import dev.cairn.ingest.pack.Catalog;
import dev.cairn.platform.identity.Roles;
import dev.cairn.platform.page.Page;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Every tenant's exact stored-bytes counter, for metering's reconciliation (internal: the gateway does not route
 * {@code /internal}). The cursor is the last tenant id of the page.
 */
@Path("/internal/v1/stored-bytes")
@Tag(name = "Internal")
@Produces(MediaType.APPLICATION_JSON)
public class StoredBytesResource {
    private final Catalog catalog;

    public StoredBytesResource(Catalog catalog) {
        this.catalog = catalog;
    }

    @GET
    @RolesAllowed(Roles.METERING_SERVICE)
    @Operation(summary = "Tenants' stored-bytes counters, in pages (metering service only)")
    public Page<Catalog.StoredBytes> list(
            @QueryParam("cursor") UUID cursor, @QueryParam("limit") @DefaultValue("1000") int limit) {
        List<Catalog.StoredBytes> page = catalog.storedBytes(cursor, Math.max(1, Math.min(5000, limit)));
        return new Page<>(
                page,
                page.size() < Math.max(1, Math.min(5000, limit))
                        ? null
                        : page.getLast().tenantId().toString());
    }
}
