package dev.cairn.scheduler.policy;

import dev.cairn.platform.identity.Roles;
import dev.cairn.scheduler.schedule.Schedule;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The next fires of a schedule, before a policy has it: what the cron helper shows as one types. */
@Path("/api/v1/policies/schedule-preview")
@Tag(name = "Policies")
@Produces(MediaType.APPLICATION_JSON)
public class SchedulePreviewResource {
    @GET
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.TENANT_VIEWER})
    @Operation(
            summary = "The next planned fires of a schedule (cron in a time zone, or an interval from now), in UTC and"
                    + " in the schedule's time zone; 400 naming what is wrong with it")
    public SchedulePreview preview(
            @QueryParam("cron") @Size(max = 200) String cron,
            @QueryParam("timeZone") @Size(max = 64) String timeZone,
            @QueryParam("interval") @Size(max = 40) String interval,
            @QueryParam("jitter") @Size(max = 40) String jitter,
            @QueryParam("count") @DefaultValue("5") @Min(1) @Max(SchedulePreview.MAX) int count) {
        Schedule schedule = new Schedule(
                blankToNull(cron), blankToNull(timeZone), duration("interval", interval), duration("jitter", jitter));
        return SchedulePreview.of(schedule, count, Instant.now());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static Duration duration(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Duration.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw dev.cairn.platform.problem.ProblemException.invalidField(
                    field, "an ISO-8601 duration such as PT6H or P1D");
        }
    }
}
