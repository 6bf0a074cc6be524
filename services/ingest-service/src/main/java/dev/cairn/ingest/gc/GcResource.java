package dev.cairn.ingest.gc;

import dev.cairn.platform.identity.Roles;
import dev.cairn.platform.page.Cursor;
import dev.cairn.platform.page.Page;
import dev.cairn.platform.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Operators' garbage collection: of unreferenced chunks and the space they hold, and of orphan packs. */
@Path("/api/v1/admin/gc")
@Tag(name = "Operations")
@Produces(MediaType.APPLICATION_JSON)
public class GcResource {
    /** Deleting orphans needs objects at least this old: nothing being committed now is that old. */
    static final Duration SAFETY_WINDOW = Duration.ofHours(1);

    private final OrphanPacks orphans;
    private final GarbageCollector collector;
    private final GcCatalog catalog;

    public GcResource(OrphanPacks orphans, GarbageCollector collector, GcCatalog catalog) {
        this.orphans = orphans;
        this.collector = collector;
        this.catalog = catalog;
    }

    @POST
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(
            summary = "Collect one tenant or all (dryRun=true: only report what would be swept and given back)",
            description = "Sweeps chunks no backup references (past the safety window and not promised to a backup in"
                    + " progress), rewrites packs whose live fraction fell under the threshold, retires empty ones,"
                    + " deletes the objects of packs retired past the grace period. 409 while another run is going on.")
    public GcReport collect(
            @QueryParam("dryRun") @DefaultValue("true") boolean dryRun, @QueryParam("tenant") String tenant) {
        return collector.run(dryRun, tenant == null || tenant.isBlank() ? null : uuid("tenant", tenant));
    }

    @GET
    @Path("/runs")
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(summary = "Recorded collection runs per tenant, newest first (cursor pages)")
    public Page<GcRun> runs(
            @QueryParam("tenant") String tenant,
            @QueryParam("limit") @DefaultValue("50") int limit,
            @QueryParam("cursor") String cursor) {
        Cursor.limit(limit, 500);
        List<GcRun> rows = catalog.runs(
                tenant == null || tenant.isBlank() ? null : uuid("tenant", tenant), Cursor.decode(cursor), limit + 1);
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        GcRun last = rows.get(limit - 1);
        return new Page<>(rows.subList(0, limit), new Cursor(last.finishedAt(), last.tenantId()).encode());
    }

    @POST
    @Path("/orphan-packs")
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(summary = "Find (dryRun=true) or delete orphan packs older than minAge (platform operators)")
    public OrphanPacks.Report collectOrphans(
            @QueryParam("dryRun") @DefaultValue("true") boolean dryRun,
            @QueryParam("minAge") @DefaultValue("PT1H") String minAge) {
        Duration age;
        try {
            age = Duration.parse(minAge);
        } catch (DateTimeParseException e) {
            throw new ProblemException(400, "invalid-duration", "Invalid duration", "minAge is an ISO-8601 duration");
        }
        if (!dryRun && age.compareTo(SAFETY_WINDOW) < 0) {
            throw new ProblemException(
                    400,
                    "unsafe-gc",
                    "Too young to delete",
                    "deleting needs minAge of at least " + SAFETY_WINDOW
                            + ", so that no pack being committed is taken");
        }
        return orphans.run(dryRun, age);
    }

    private static UUID uuid(String field, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField(field, "not a UUID: " + value);
        }
    }
}
