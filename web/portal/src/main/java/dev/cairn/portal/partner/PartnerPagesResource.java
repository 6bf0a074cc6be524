package dev.cairn.portal.partner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.portal.api.ApiProblem;
import dev.cairn.portal.api.PlatformApi;
import dev.cairn.portal.dashboard.Dashboard;
import dev.cairn.portal.home.HomeResource;
import dev.cairn.portal.http.Attachments;
import dev.cairn.portal.session.SignedIn;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.net.URI;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A partner administrator's view: the customer tenants with their usage against their quotas, a customer's usage
 * over time (and as CSV), adding a customer, setting its quota, and the customers' monthly statements (and as CSV).
 */
@Path("/app/partner")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class PartnerPagesResource {
    /** The CSV media type the metering API answers in when asked. */
    static final String CSV = "text/csv";

    private final PlatformApi api;
    private final SignedIn user;

    public PartnerPagesResource(PlatformApi api, SignedIn user) {
        this.api = api;
        this.user = user;
    }

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance customers(
                SignedIn user,
                List<CustomerRow> customers,
                JsonNode totals,
                JsonNode regions,
                JsonNode created,
                ApiProblem problem,
                Map<String, String> errors,
                CustomerForm form);

        static native TemplateInstance customer(
                SignedIn user, JsonNode customer, JsonNode days, String chart, ApiProblem problem);

        static native TemplateInstance statements(
                SignedIn user, String month, JsonNode statements, JsonNode totals, Map<String, String> names);
    }

    /** The customer form's fields. */
    @TemplateData
    public static class CustomerForm {
        @FormParam("organisation")
        @DefaultValue("")
        public String organisation;

        @FormParam("adminEmail")
        @DefaultValue("")
        public String adminEmail;

        @FormParam("homeRegion")
        @DefaultValue("")
        public String homeRegion;

        @FormParam("drRegion")
        @DefaultValue("")
        public String drRegion;

        Map<String, String> body() {
            Map<String, String> body = new HashMap<>(Map.of(
                    "organisation", organisation.trim(), "adminEmail", adminEmail.trim(), "homeRegion", homeRegion));
            if (!drRegion.isBlank()) {
                body.put("drRegion", drRegion);
            }
            return body;
        }
    }

    @GET
    public TemplateInstance customers() {
        return customers(null, null, new CustomerForm());
    }

    /** Adds a customer tenant; the page shows its administrator's one-time password once. */
    @POST
    @Path("customers")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@BeanParam CustomerForm form) {
        try {
            JsonNode created = api.post(user.token(), "partner/tenants", form.body(), null);
            return Response.status(201)
                    .entity(customers(created, null, new CustomerForm()))
                    .build();
        } catch (ApiProblem problem) {
            if (problem.status() == 401 || problem.status() >= 500) {
                throw problem;
            }
            return Response.status(422).entity(customers(null, problem, form)).build();
        }
    }

    @GET
    @Path("customers/{tenantId}")
    public TemplateInstance customer(@PathParam("tenantId") UUID tenantId) {
        return customer(tenantId, null);
    }

    /** Sets a customer's quota (decimal gigabytes, as plans count them). */
    @POST
    @Path("customers/{tenantId}/quota")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response quota(@PathParam("tenantId") UUID tenantId, @FormParam("quotaGb") String quotaGb) {
        long bytes;
        try {
            bytes = new BigDecimal(quotaGb == null ? "" : quotaGb.trim())
                    .movePointRight(9)
                    .longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            return Response.status(422)
                    .entity(customer(
                            tenantId,
                            new ApiProblem(
                                    422,
                                    "Not a quota",
                                    "give the quota in gigabytes, such as 500 or 1.5",
                                    List.of(new ApiProblem.FieldError("quotaGb", "a number of gigabytes")))))
                    .build();
        }
        try {
            api.put(user.token(), "partner/tenants/" + tenantId + "/quota", Map.of("quotaBytes", bytes));
        } catch (ApiProblem problem) {
            if (problem.status() == 401 || problem.status() >= 500) {
                throw problem;
            }
            return Response.status(422).entity(customer(tenantId, problem)).build();
        }
        return Response.seeOther(URI.create("/app/partner/customers/" + tenantId))
                .build();
    }

    /** A customer's usage as CSV, the API's own columns ({@code granularity} hour, day or month). */
    @GET
    @Path("customers/{tenantId}/usage.csv")
    @Produces(CSV)
    public Response usageCsv(
            @PathParam("tenantId") UUID tenantId, @QueryParam("granularity") @DefaultValue("day") String granularity) {
        String by = List.of("hour", "day", "month").contains(granularity) ? granularity : "day";
        return Attachments.of(
                api.bytes(user.token(), "partner/usage/" + tenantId + "?granularity=" + by + "&limit=744", CSV),
                "usage-" + tenantId + "-" + by + ".csv",
                CSV);
    }

    @GET
    @Path("statements")
    public TemplateInstance statements(@QueryParam("month") String month) {
        String m = month(month);
        Map<String, String> names = new HashMap<>();
        api.every(user.token(), "partner/tenants?limit=500")
                .forEach(c -> names.put(c.path("id").asText(), c.path("name").asText()));
        return Templates.statements(
                user,
                m,
                api.get(user.token(), "partner/statements?limit=500&month=" + m).path("items"),
                api.get(user.token(), "partner/statements/summary?month=" + m),
                names);
    }

    /** Every customer's statement of the month, one row per line. */
    @GET
    @Path("statements.csv")
    @Produces(CSV)
    public Response statementsCsv(@QueryParam("month") String month) {
        String m = month(month);
        return Attachments.of(
                api.bytes(user.token(), "partner/statements?limit=500&month=" + m, CSV),
                "statements-" + m + ".csv",
                CSV);
    }

    /** One statement, one row per line. */
    @GET
    @Path("statements/{statementId}.csv")
    @Produces(CSV)
    public Response statementCsv(@PathParam("statementId") UUID statementId) {
        return Attachments.of(
                api.bytes(user.token(), "partner/statements/" + statementId, CSV),
                "statement-" + statementId + ".csv",
                CSV);
    }

    private TemplateInstance customers(JsonNode created, ApiProblem problem, CustomerForm form) {
        JsonNode customers = api.every(user.token(), "partner/tenants?limit=500");
        JsonNode usage = api.get(
                        user.token(),
                        "partner/usage?granularity=day&customers=100&from="
                                + java.time.LocalDate.now(ZoneOffset.UTC).minusDays(1) + "T00:00:00Z")
                .path("items");
        JsonNode statements =
                api.get(user.token(), "partner/statements?limit=500").path("items");
        return Templates.customers(
                user,
                CustomerRow.of(customers, usage, statements),
                api.get(user.token(), "partner/statements/summary"),
                api.get(null, "regions"),
                created,
                problem,
                HomeResource.byField(problem),
                form);
    }

    private TemplateInstance customer(UUID tenantId, ApiProblem problem) {
        JsonNode customer = api.get(user.token(), "partner/tenants/" + tenantId);
        JsonNode days = api.get(user.token(), "partner/usage/" + tenantId + "?granularity=day&limit=31")
                .path("items");
        ObjectNode quota = JsonNodeFactory.instance
                .objectNode()
                .put("limitBytes", customer.path("quotaBytes").asLong());
        return Templates.customer(user, customer, days, Dashboard.chart(days, quota), problem);
    }

    /** {@code YYYY-MM}: the month asked for, or this one when none (or nonsense) is given. */
    static String month(String month) {
        try {
            return YearMonth.parse(month == null ? "" : month.trim()).toString();
        } catch (DateTimeParseException e) {
            return YearMonth.now(ZoneOffset.UTC).toString();
        }
    }
}
