package dev.cairn.ingest.gc;

import dev.cairn.platform.identity.Roles;
import dev.cairn.platform.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Operators' garbage collection of orphan packs; a dry run only reports. */
@Path("/api/v1/admin/gc/orphan-packs")
@Tag(name = "Operations")
@Produces(MediaType.APPLICATION_JSON)
public class GcResource {
    /** Deleting needs objects at least this old: nothing being committed now is that old. */
    static final Duration SAFETY_WINDOW = Duration.ofHours(1);

    private final OrphanPacks orphans;

    public GcResource(OrphanPacks orphans) {
        this.orphans = orphans;
    }

    @POST
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(summary = "Find (dryRun=true) or delete orphan packs older than minAge (platform operators)")
    public OrphanPacks.Report collect(
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
}
