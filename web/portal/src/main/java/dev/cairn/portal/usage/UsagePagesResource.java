package dev.cairn.portal.usage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.portal.api.PlatformApi;
import dev.cairn.portal.dashboard.Dashboard;
import dev.cairn.portal.http.Attachments;
import dev.cairn.portal.session.SignedIn;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;

/** The tenant's usage over time, its plan and its monthly statements. */
@Path("/app/usage")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class UsagePagesResource {
    /** The CSV media type the metering API answers in when asked. */
    private static final String CSV = "text/csv";

    private final PlatformApi api;
    private final SignedIn user;

    public UsagePagesResource(PlatformApi api, SignedIn user) {
        this.api = api;
        this.user = user;
    }

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance usage(
                SignedIn user,
                JsonNode usage,
                JsonNode days,
                String daysChart,
                JsonNode months,
                String monthsChart,
                JsonNode plan,
                JsonNode statements);

        static native TemplateInstance statement(SignedIn user, JsonNode statement);
    }

    @GET
    public TemplateInstance usage() {
        JsonNode usage = api.get(user.token(), "usage");
        JsonNode days =
                api.get(user.token(), "usage/history?granularity=day&limit=31").path("items");
        JsonNode months = api.get(user.token(), "usage/history?granularity=month&limit=12")
                .path("items");
        JsonNode plan = null;
        for (JsonNode p : api.get(user.token(), "plans?limit=100").path("items")) {
            if (p.path("code").asText().equals(usage.path("plan").asText())) {
                plan = p;
            }
        }
        return Templates.usage(
                user,
                usage,
                days,
                Dashboard.chart(days, usage),
                months,
                Dashboard.chart(months, usage),
                plan,
                api.get(user.token(), "usage/statements?limit=12").path("items"));
    }

    /** One monthly statement with its lines. */
    @GET
    @Path("statements/{statementId}")
    public TemplateInstance statement(@PathParam("statementId") UUID statementId) {
        return Templates.statement(user, api.get(user.token(), "usage/statements/" + statementId));
    }

    /** One monthly statement as CSV, one row per line. */
    @GET
    @Path("statements/{statementId}.csv")
    @Produces(CSV)
    public Response statementCsv(@PathParam("statementId") UUID statementId) {
        return Attachments.of(
                api.bytes(user.token(), "usage/statements/" + statementId, CSV),
                "statement-" + statementId + ".csv",
                CSV);
    }

    /** The last twelve statements as CSV, one row per line. */
    @GET
    @Path("statements.csv")
    @Produces(CSV)
    public Response statementsCsv() {
        return Attachments.of(api.bytes(user.token(), "usage/statements?limit=12", CSV), "statements.csv", CSV);
    }
}
