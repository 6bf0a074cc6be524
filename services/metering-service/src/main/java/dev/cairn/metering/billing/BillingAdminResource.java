package dev.cairn.metering.billing;

import dev.cairn.metering.identity.CurrentCaller;
import dev.cairn.platform.identity.Roles;
import dev.cairn.platform.page.Cursor;
import dev.cairn.platform.page.Page;
import dev.cairn.platform.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Operators: every partner's totals of a month, statements runs on demand and the record of every run. */
@Path("/api/v1/admin/billing")
@Tag(name = "Operations")
@Produces(MediaType.APPLICATION_JSON)
public class BillingAdminResource {
    private final Statements statements;
    private final StatementJob job;
    private final StatementRuns runs;
    private final CurrentCaller caller;

    public BillingAdminResource(Statements statements, StatementJob job, StatementRuns runs, CurrentCaller caller) {
        this.statements = statements;
        this.job = job;
        this.runs = runs;
        this.caller = caller;
    }

    @GET
    @Path("/partners")
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(summary = "Every partner's statements of a month summed per currency (operators)")
    public Page<PartnerTotal> partners(
            @QueryParam("month") String month,
            @QueryParam("cursor") String cursor,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        Cursor.limit(limit, 500);
        UUID after = Cursor.afterId(cursor);
        java.time.LocalDate first;
        try {
            first = month == null
                    ? Statements.month(Instant.now())
                    : YearMonth.parse(month).atDay(1);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField("month", "a month such as 2026-11");
        }
        // a page ends with a partner's last currency (the cursor is a partner id): the partner of the first row
        // that does not fit starts the next page
        List<PartnerTotal> page = statements.partnerTotals(first, null, after, limit + 1);
        if (page.size() <= limit) {
            return new Page<>(page, null);
        }
        UUID nextPartner = page.get(limit).partnerId();
        List<PartnerTotal> items =
                page.stream().filter(t -> !t.partnerId().equals(nextPartner)).toList();
        return new Page<>(
                items, items.isEmpty() ? null : items.getLast().partnerId().toString());
    }

    @POST
    @Path("/statements/run")
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(
            summary = "Start a statements run now: drafts recomputed, due ones finalized (operators)",
            description = "202 with the run (Location: the run to follow) while it runs in the background; a run in"
                    + " progress is answered instead of a second one. Honours `Idempotency-Key`: a repeat answers the"
                    + " run the first request started (200 once it has finished).")
    public Response run(@HeaderParam("Idempotency-Key") @Size(max = 255) String idempotencyKey) {
        StatementRuns.Start start = job.request(caller.subject(), idempotencyKey);
        StatementRun run = start.run();
        return Response.status(run.phase() == StatementRunPhase.Running ? 202 : 200)
                .location(java.net.URI.create("/api/v1/admin/billing/statements/runs/" + run.id()))
                .entity(run)
                .build();
    }

    @GET
    @Path("/statements/runs")
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(summary = "Statements runs, newest first (operators)")
    public Page<StatementRun> runs(
            @QueryParam("cursor") String cursor, @QueryParam("limit") @DefaultValue("50") int limit) {
        Cursor.limit(limit, 500);
        UUID after = Cursor.afterId(cursor);
        List<StatementRun> page = runs.list(after, limit);
        return new Page<>(page, page.size() < limit ? null : page.getLast().id().toString());
    }

    @GET
    @Path("/statements/runs/{runId}")
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(summary = "One statements run: its phase and what it made (operators)")
    public StatementRun runOf(@PathParam("runId") UUID runId) {
        return runs.find(runId).orElseThrow(() -> ProblemException.notFound("statements run " + runId));
    }
}
