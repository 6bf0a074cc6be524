package dev.cairn.metering.partner;

import dev.cairn.metering.billing.PartnerTotal;
import dev.cairn.metering.billing.Statement;
import dev.cairn.metering.billing.StatementCsv;
import dev.cairn.metering.billing.Statements;
import dev.cairn.metering.http.Csv;
import dev.cairn.metering.http.CsvAnswers;
import dev.cairn.metering.identity.CurrentCaller;
import dev.cairn.platform.identity.Roles;
import dev.cairn.platform.page.Cursor;
import dev.cairn.platform.page.Page;
import dev.cairn.platform.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A partner's customers' monthly statements, as JSON or CSV; another partner's statement is 404. */
@Path("/api/v1/partner/statements")
@Tag(name = "Partner billing")
public class PartnerStatementResource {
    private final Statements statements;
    private final CurrentCaller caller;

    public PartnerStatementResource(Statements statements, CurrentCaller caller) {
        this.statements = statements;
        this.caller = caller;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
    @RolesAllowed(Roles.PARTNER_ADMIN)
    @Operation(
            summary = "My customers' statements of a month (default: this one), as JSON or CSV (one row per line)",
            description = "In customer id order; `nextCursor` (JSON) or the `Link` header (CSV) continues.")
    public Response list(
            @QueryParam("month") String month,
            @QueryParam("cursor") String cursor,
            @QueryParam("limit") @DefaultValue("50") int limit,
            @Context HttpHeaders headers,
            @Context UriInfo uri) {
        Cursor.limit(limit, 500);
        UUID after = Cursor.afterId(cursor);
        List<Statement> page = statements.ofPartner(caller.partnerId(), month(month), after, limit + 1);
        String next = page.size() > limit ? page.get(limit - 1).tenantId().toString() : null;
        List<Statement> items = page.subList(0, Math.min(limit, page.size()));
        if (CsvAnswers.wanted(headers)) {
            return CsvAnswers.of(
                    StatementCsv.of(items), uri, next, "statements-" + YearMonth.from(month(month)) + ".csv");
        }
        return Response.ok(new Page<>(items, next), MediaType.APPLICATION_JSON_TYPE)
                .build();
    }

    @GET
    @Path("/summary")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PARTNER_ADMIN)
    @Operation(summary = "My statements of a month summed per currency: what I bill in all")
    public List<PartnerTotal> summary(@QueryParam("month") String month) {
        return statements.partnerTotals(month(month), caller.partnerId(), null, 100);
    }

    @GET
    @Path("/{statementId}")
    @Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
    @RolesAllowed(Roles.PARTNER_ADMIN)
    @Operation(summary = "One statement with its lines, as JSON or CSV")
    public Response get(
            @PathParam("statementId") UUID statementId, @Context HttpHeaders headers, @Context UriInfo uri) {
        Statement statement = statements
                .get(statementId, caller.partnerId())
                .orElseThrow(() -> ProblemException.notFound("statement " + statementId));
        if (CsvAnswers.wanted(headers)) {
            return CsvAnswers.of(StatementCsv.of(List.of(statement)), uri, null, StatementCsv.filename(statement));
        }
        return Response.ok(statement, MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** {@code YYYY-MM} as the month's first day; this month when absent. */
    static LocalDate month(String month) {
        if (month == null || month.isBlank()) {
            return Statements.month(Instant.now());
        }
        try {
            return YearMonth.parse(month).atDay(1);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField("month", "a month such as 2026-11");
        }
    }
}
