package dev.cairn.metering.usage;

import dev.cairn.metering.identity.CurrentCaller;
import dev.cairn.metering.quota.QuotaWatch;
import dev.cairn.platform.identity.Roles;
import dev.cairn.platform.page.Page;
import dev.cairn.platform.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A tenant's own usage: now against its quota, and over time. The tenant comes from the token. */
@Path("/api/v1/usage")
@Tag(name = "Usage")
@Produces(MediaType.APPLICATION_JSON)
public class UsageResource {
    private final UsageHistory history;
    private final QuotaWatch quotas;
    private final CurrentCaller caller;

    public UsageResource(UsageHistory history, QuotaWatch quotas, CurrentCaller caller) {
        this.history = history;
        this.quotas = quotas;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.TENANT_VIEWER})
    @Operation(summary = "My usage now: stored bytes against my plan's limit")
    public CurrentUsage current() {
        QuotaWatch.Standing standing;
        try {
            standing = quotas.standing(caller.tenantId());
        } catch (IllegalStateException e) {
            throw new ProblemException(
                    502, "upstream", "Quota unavailable", "the tenant's quota cannot be read now: " + e.getMessage());
        }
        Long limit = standing.quota().map(q -> q.limitBytes()).orElse(null);
        BigDecimal percent = limit == null || limit == 0
                ? null
                : BigDecimal.valueOf(standing.storedBytes())
                        .multiply(BigDecimal.valueOf(100))
                        .divide(BigDecimal.valueOf(limit), 2, RoundingMode.HALF_UP);
        return new CurrentUsage(
                caller.tenantId(),
                standing.storedBytes(),
                standing.connectedClusters(),
                standing.quota().map(q -> q.plan()).orElse(null),
                limit,
                percent,
                standing.level());
    }

    @GET
    @Path("/history")
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.TENANT_VIEWER})
    @Operation(
            summary = "My usage over time, by hour, day or month (UTC)",
            description = "Periods in [from, to), both rounded down to a period start; defaults: the last day of hours,"
                    + " month of days or year of months up to now. At most `limit` periods a page; `nextCursor`"
                    + " continues.")
    public Page<UsagePeriod> history(
            @QueryParam("granularity") @DefaultValue("day") String granularity,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("cursor") String cursor,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        PeriodQuery q = PeriodQuery.parse(granularity, from, to, cursor, limit);
        return new Page<>(history.periods(caller.tenantId(), q.granularity(), q.start(), q.pageEnd()), q.nextCursor());
    }
}
