package dev.cairn.metering.partner;

import dev.cairn.metering.account.Account;
import dev.cairn.metering.account.AccountDirectory;
import dev.cairn.metering.http.Csv;
import dev.cairn.metering.http.CsvAnswers;
import dev.cairn.metering.identity.CurrentCaller;
import dev.cairn.metering.usage.PeriodQuery;
import dev.cairn.metering.usage.UsageHistory;
import dev.cairn.metering.usage.UsagePeriod;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A partner's customers' usage over time, as JSON or CSV. The partner comes from its token; another partner's
 * customer, or a tenant that is nobody's customer, is 404.
 */
@Path("/api/v1/partner/usage")
@Tag(name = "Partner billing")
public class PartnerUsageResource {
    private final UsageHistory history;
    private final AccountDirectory accounts;
    private final CurrentCaller caller;

    public PartnerUsageResource(UsageHistory history, AccountDirectory accounts, CurrentCaller caller) {
        this.history = history;
        this.accounts = accounts;
        this.caller = caller;
    }

    /**
     * One customer's usage in each period.
     *
     * @param tenantId one of the partner's customers
     */
    @GET
    @Path("/{tenantId}")
    @Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
    @RolesAllowed(Roles.PARTNER_ADMIN)
    @Operation(
            summary = "One customer's usage by hour, day or month (UTC), as JSON or CSV",
            description = "Periods in [from, to) rounded down to period starts; `nextCursor` (JSON) or the `Link`"
                    + " header with rel=next (CSV) continues.")
    public Response customer(
            @PathParam("tenantId") UUID tenantId,
            @QueryParam("granularity") @DefaultValue("day") String granularity,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("cursor") String cursor,
            @QueryParam("limit") @DefaultValue("100") int limit,
            @jakarta.ws.rs.core.Context jakarta.ws.rs.core.HttpHeaders headers,
            @jakarta.ws.rs.core.Context jakarta.ws.rs.core.UriInfo uri) {
        Account customer = customer(tenantId);
        PeriodQuery q = PeriodQuery.parse(granularity, from, to, cursor, limit);
        List<UsagePeriod> periods = history.periods(customer.tenantId(), q.granularity(), q.start(), q.pageEnd());
        if (CsvAnswers.wanted(headers)) {
            Csv csv = new Csv(HEADER);
            periods.forEach(p -> csv.row(cells(p)));
            return CsvAnswers.of(csv, uri, q.nextCursor(), "usage-" + tenantId + "-" + q.granularity() + ".csv");
        }
        return Response.ok(new Page<>(periods, q.nextCursor()), MediaType.APPLICATION_JSON_TYPE)
                .build();
    }

    /** Every customer's usage: a page of customers (in id order), each with its periods. */
    @GET
    @Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
    @RolesAllowed(Roles.PARTNER_ADMIN)
    @Operation(
            summary = "Every customer's usage by hour, day or month (UTC), as JSON or CSV",
            description = "A page holds the periods [from, to) of up to `customers` customers (default 20, at most"
                    + " 100); `nextCursor` (JSON) or the `Link` header with rel=next (CSV) continues with the next"
                    + " customers.")
    public Response all(
            @QueryParam("granularity") @DefaultValue("day") String granularity,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("cursor") String cursor,
            @QueryParam("customers") @DefaultValue("20") int customers,
            @jakarta.ws.rs.core.Context jakarta.ws.rs.core.HttpHeaders headers,
            @jakarta.ws.rs.core.Context jakarta.ws.rs.core.UriInfo uri) {
        if (customers < 1 || customers > 100) {
            throw ProblemException.invalidField("customers", "between 1 and 100");
        }
        PeriodQuery q = PeriodQuery.parse(granularity, from, to, null, PeriodQuery.MAX_PERIODS);
        UUID after = Cursor.afterId(cursor);
        // one more customer than the page holds tells whether there is a next page
        List<Account> found = new ArrayList<>();
        UUID next = after;
        do {
            AccountDirectory.Page accountsPage =
                    accounts.customers(caller.partnerId(), next, customers + 1 - found.size());
            found.addAll(accountsPage.items());
            next = accountsPage.next();
        } while (next != null && found.size() <= customers);
        List<CustomerUsage> page = new ArrayList<>();
        for (Account a : found.subList(0, Math.min(customers, found.size()))) {
            page.add(new CustomerUsage(
                    a.tenantId(), a.name(), history.periods(a.tenantId(), q.granularity(), q.start(), q.end())));
        }
        boolean more = found.size() > customers;
        String nextCursor = more && !page.isEmpty() ? page.getLast().tenantId().toString() : null;
        if (CsvAnswers.wanted(headers)) {
            Csv csv = new Csv(CUSTOMERS_HEADER);
            for (CustomerUsage c : page) {
                for (UsagePeriod p : c.periods()) {
                    List<Object> cells = new ArrayList<>(List.of(c.tenantId(), c.name()));
                    cells.addAll(List.of(cells(p)));
                    csv.row(cells.toArray());
                }
            }
            return CsvAnswers.of(csv, uri, nextCursor, "usage-" + q.granularity() + ".csv");
        }
        return Response.ok(new Page<>(page, nextCursor), MediaType.APPLICATION_JSON_TYPE)
                .build();
    }

    /**
     * A customer's usage in each period.
     *
     * @param tenantId the customer
     * @param name its organisation's name
     * @param periods its usage, period by period
     */
    public record CustomerUsage(UUID tenantId, String name, List<UsagePeriod> periods) {}

    private static final String[] HEADER = {
        "start",
        "end",
        "stored_byte_hours",
        "peak_stored_bytes",
        "end_stored_bytes",
        "ingested_bytes",
        "protected_bytes",
        "new_bytes",
        "restored_bytes",
        "replicated_bytes",
        "backups",
        "protected_clusters",
        "connected_clusters"
    };

    private static final String[] CUSTOMERS_HEADER = java.util.stream.Stream.concat(
                    java.util.stream.Stream.of("tenant_id", "tenant_name"), java.util.Arrays.stream(HEADER))
            .toArray(String[]::new);

    private static Object[] cells(UsagePeriod p) {
        return new Object[] {
            p.start(),
            p.end(),
            p.storedByteHours(),
            p.peakStoredBytes(),
            p.endStoredBytes(),
            p.ingestedBytes(),
            p.protectedBytes(),
            p.newBytes(),
            p.restoredBytes(),
            p.replicatedBytes(),
            p.backups(),
            p.protectedClusters(),
            p.connectedClusters()
        };
    }

    private Account customer(UUID tenantId) {
        return accounts.find(tenantId)
                .filter(a -> caller.partnerId().equals(a.partnerId()))
                .orElseThrow(() -> ProblemException.notFound("customer tenant " + tenantId));
    }
}
