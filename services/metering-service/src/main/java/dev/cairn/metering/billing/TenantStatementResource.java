package dev.cairn.metering.billing;

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
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A tenant's own monthly statements, as JSON or CSV; another tenant's statement is 404. */
@Path("/api/v1/usage/statements")
@Tag(name = "Usage")
public class TenantStatementResource {
    private final Statements statements;
    private final CurrentCaller caller;

    public TenantStatementResource(Statements statements, CurrentCaller caller) {
        this.statements = statements;
        this.caller = caller;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.TENANT_VIEWER})
    @Operation(
            summary = "My monthly statements, newest first, with their lines, as JSON or CSV (one row per line)",
            description = "This month's is a Draft until the month is over and finalized; `nextCursor` (JSON) or the"
                    + " `Link` header (CSV) continues with older months.")
    public Response list(
            @QueryParam("cursor") String cursor,
            @QueryParam("limit") @DefaultValue("12") int limit,
            @Context HttpHeaders headers,
            @Context UriInfo uri) {
        Cursor.limit(limit, 120);
        List<Statement> page = statements.ofTenant(caller.tenantId(), before(cursor), limit + 1);
        String next = page.size() > limit
                ? YearMonth.from(page.get(limit - 1).month()).toString()
                : null;
        List<Statement> items = page.subList(0, Math.min(limit, page.size()));
        if (CsvAnswers.wanted(headers)) {
            return CsvAnswers.of(StatementCsv.of(items), uri, next, "statements.csv");
        }
        return Response.ok(new Page<>(items, next), MediaType.APPLICATION_JSON_TYPE)
                .build();
    }

    @GET
    @Path("/{statementId}")
    @Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.TENANT_VIEWER})
    @Operation(summary = "One of my statements with its lines, as JSON or CSV")
    public Response get(
            @PathParam("statementId") UUID statementId, @Context HttpHeaders headers, @Context UriInfo uri) {
        Statement statement = statements
                .ofTenant(statementId, caller.tenantId())
                .orElseThrow(() -> ProblemException.notFound("statement " + statementId));
        if (CsvAnswers.wanted(headers)) {
            return CsvAnswers.of(StatementCsv.of(List.of(statement)), uri, null, StatementCsv.filename(statement));
        }
        return Response.ok(statement, MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** The cursor ({@code YYYY-MM}, the last month of the previous page) as the first day of that month. */
    private static LocalDate before(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            return YearMonth.parse(cursor).atDay(1);
        } catch (DateTimeParseException e) {
            throw Cursor.notOurs();
        }
    }
}
