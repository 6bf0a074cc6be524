package dev.cairn.tenant.region;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The regions offered to tenants: public, since the signup form needs them before anyone has an account. */
@Path("/api/v1/regions")
@Tag(name = "Regions")
@Produces(MediaType.APPLICATION_JSON)
public class RegionResource {
    private final RegionCatalog catalog;

    public RegionResource(RegionCatalog catalog) {
        this.catalog = catalog;
    }

    /** A region as the API shows it. */
    public record RegionView(String code, String displayName) {}

    @GET
    @PermitAll
    @Operation(summary = "List the regions a tenant may keep backups in")
    public List<RegionView> list() {
        return catalog.offered().stream()
                .map(r -> new RegionView(r.code, r.displayName))
                .toList();
    }
}
