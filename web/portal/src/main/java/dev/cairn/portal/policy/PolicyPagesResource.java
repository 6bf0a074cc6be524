package dev.cairn.portal.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.portal.api.ApiProblem;
import dev.cairn.portal.api.PlatformApi;
import dev.cairn.portal.home.HomeResource;
import dev.cairn.portal.session.SignedIn;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Backup policies: list, create, edit, pause, resume, run now, and each one's runs. */
@Path("/app/policies")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class PolicyPagesResource {
    /** Time zones offered first in the form (any IANA zone can be typed). */
    static final java.util.List<String> ZONES = java.util.List.of(
            "UTC",
            "Europe/London",
            "Europe/Paris",
            "Europe/Berlin",
            "America/New_York",
            "America/Chicago",
            "America/Los_Angeles",
            "Asia/Tokyo",
            "Asia/Singapore",
            "Australia/Sydney");

    private final PlatformApi api;
    private final SignedIn user;

    public PolicyPagesResource(PlatformApi api, SignedIn user) {
        this.api = api;
        this.user = user;
    }

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance list(SignedIn user, JsonNode policies, Map<String, String> clusterNames);

        static native TemplateInstance form(
                SignedIn user,
                String policyId,
                PolicyForm form,
                JsonNode clusters,
                java.util.List<String> zones,
                ApiProblem problem,
                Map<String, String> errors,
                String idempotencyKey);

        static native TemplateInstance policy(
                SignedIn user, JsonNode policy, String clusterName, JsonNode runs, JsonNode retention);

        static native TemplateInstance preview(JsonNode preview, ApiProblem problem);
    }

    /** The form's fields, as posted. */
    public static class Fields {
        @FormParam("name")
        String name;

        @FormParam("clusterId")
        String clusterId;

        @FormParam("namespaces")
        String namespaces;

        @FormParam("volumes")
        String volumes;

        @FormParam("scheduleKind")
        String scheduleKind;

        @FormParam("cron")
        String cron;

        @FormParam("timeZone")
        String timeZone;

        @FormParam("interval")
        String interval;

        @FormParam("keepLast")
        String keepLast;

        @FormParam("keepDaily")
        String keepDaily;

        @FormParam("keepWeekly")
        String keepWeekly;

        @FormParam("keepMonthly")
        String keepMonthly;

        @FormParam("maxAge")
        String maxAge;

        @FormParam("immutableFor")
        String immutableFor;

        @FormParam("idempotencyKey")
        String idempotencyKey;

        PolicyForm form() {
            return new PolicyForm(
                    name,
                    clusterId,
                    namespaces,
                    volumes != null,
                    scheduleKind,
                    cron,
                    timeZone,
                    interval,
                    keepLast,
                    keepDaily,
                    keepWeekly,
                    keepMonthly,
                    maxAge,
                    immutableFor);
        }
    }

    @GET
    public TemplateInstance list() {
        return Templates.list(user, api.get(user.token(), "policies?limit=500").path("items"), clusterNames());
    }

    @GET
    @Path("new")
    public TemplateInstance newForm() {
        return form(null, PolicyForm.blank(), null, UUID.randomUUID().toString());
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@BeanParam Fields fields) {
        PolicyForm form = fields.form();
        try {
            JsonNode created = api.post(user.token(), "policies", form.body(false), fields.idempotencyKey);
            return Response.seeOther(
                            URI.create("/app/policies/" + created.path("id").asText()))
                    .build();
        } catch (ApiProblem problem) {
            return refused(null, form, problem, fields.idempotencyKey);
        }
    }

    @GET
    @Path("{policyId}")
    public TemplateInstance policy(@PathParam("policyId") UUID policyId) {
        JsonNode policy = api.get(user.token(), "policies/" + policyId);
        JsonNode runs = api.get(user.token(), "policies/" + policyId + "/runs?limit=20");
        JsonNode retention = api.get(user.token(), "policies/" + policyId + "/retention-preview");
        return Templates.policy(
                user,
                policy,
                clusterNames().getOrDefault(policy.path("clusterId").asText(), ""),
                runs.path("items"),
                retention);
    }

    @GET
    @Path("{policyId}/edit")
    public TemplateInstance editForm(@PathParam("policyId") UUID policyId) {
        return form(policyId.toString(), PolicyForm.of(api.get(user.token(), "policies/" + policyId)), null, null);
    }

    @POST
    @Path("{policyId}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response replace(@PathParam("policyId") UUID policyId, @BeanParam Fields fields) {
        PolicyForm form = fields.form();
        try {
            boolean paused = api.get(user.token(), "policies/" + policyId)
                    .path("phase")
                    .asText()
                    .equals("Paused");
            api.put(user.token(), "policies/" + policyId, form.body(paused));
            return Response.seeOther(URI.create("/app/policies/" + policyId)).build();
        } catch (ApiProblem problem) {
            return refused(policyId.toString(), form, problem, null);
        }
    }

    /** Pause, resume or run now; back to the policy's page (an error shows as the page's problem). */
    @POST
    @Path("{policyId}/{action: pause|resume|run}")
    public Response act(@PathParam("policyId") UUID policyId, @PathParam("action") String action) {
        api.post(user.token(), "policies/" + policyId + "/" + action, null, null);
        return Response.seeOther(URI.create(
                        "/app/policies/" + policyId + "?done=" + URLEncoder.encode(action, StandardCharsets.UTF_8)))
                .build();
    }

    /** The cron helper: the next five fires of what the form holds, in its time zone, or what is wrong with it. */
    @GET
    @Path("schedule-preview")
    public TemplateInstance preview(
            @QueryParam("scheduleKind") String kind,
            @QueryParam("cron") String cron,
            @QueryParam("timeZone") String timeZone,
            @QueryParam("interval") String interval) {
        String query = "interval".equals(kind)
                ? "interval=" + encode(interval)
                : "cron=" + encode(cron) + "&timeZone=" + encode(timeZone);
        try {
            return Templates.preview(api.get(user.token(), "policies/schedule-preview?count=5&" + query), null);
        } catch (ApiProblem problem) {
            if (problem.status() == 401) {
                throw problem;
            }
            return Templates.preview(null, problem);
        }
    }

    private Response refused(String policyId, PolicyForm form, ApiProblem problem, String idempotencyKey) {
        if (problem.status() == 401) {
            throw problem;
        }
        return Response.status(problem.status() >= 500 ? 502 : 422)
                .entity(form(policyId, form, problem, idempotencyKey))
                .build();
    }

    private TemplateInstance form(String policyId, PolicyForm form, ApiProblem problem, String idempotencyKey) {
        return Templates.form(
                user,
                policyId,
                form,
                api.every(user.token(), "clusters?limit=500"),
                ZONES,
                problem,
                HomeResource.byField(problem),
                idempotencyKey);
    }

    private Map<String, String> clusterNames() {
        Map<String, String> names = new LinkedHashMap<>();
        api.every(user.token(), "clusters?limit=500")
                .forEach(c -> names.put(c.path("id").asText(), c.path("name").asText()));
        return names;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }
}
