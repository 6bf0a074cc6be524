package dev.cairn.portal.home;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.portal.api.ApiProblem;
import dev.cairn.portal.api.PlatformApi;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** The landing page and signup: public, no session needed. */
@Path("/")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class HomeResource {
    private final PlatformApi api;

    public HomeResource(PlatformApi api) {
        this.api = api;
    }

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance home();

        static native TemplateInstance signup(
                JsonNode regions,
                Map<String, String> form,
                ApiProblem problem,
                Map<String, String> errors,
                String idempotencyKey);
    }

    @GET
    public TemplateInstance home() {
        return Templates.home();
    }

    @GET
    @Path("signup")
    public TemplateInstance signupForm() {
        return Templates.signup(
                api.get(null, "regions"),
                Map.of(),
                null,
                Map.of(),
                UUID.randomUUID().toString());
    }

    /**
     * Signs up through the public API; on success the browser goes on to sign in (the email is passed to Keycloak's
     * login page as a hint). A refused signup shows the form again with the API's reasons.
     */
    @POST
    @Path("signup")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signup(
            @FormParam("organisation") String organisation,
            @FormParam("email") String email,
            @FormParam("password") String password,
            @FormParam("homeRegion") String homeRegion,
            @FormParam("drRegion") String drRegion,
            @FormParam("idempotencyKey") String idempotencyKey) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("organisation", organisation);
        form.put("email", email);
        form.put("password", password);
        form.put("homeRegion", homeRegion);
        form.put("drRegion", drRegion == null || drRegion.isBlank() ? null : drRegion);
        try {
            api.post(null, "signup", form, idempotencyKey);
        } catch (ApiProblem problem) {
            form.remove("password");
            return Response.status(problem.status() >= 500 ? 502 : 422)
                    .entity(Templates.signup(
                            api.get(null, "regions"),
                            form,
                            problem,
                            byField(problem),
                            idempotencyKey == null ? UUID.randomUUID().toString() : idempotencyKey))
                    .build();
        }
        return Response.seeOther(URI.create("/app?login_hint=" + URLEncoder.encode(email, StandardCharsets.UTF_8)))
                .build();
    }

    /** The field errors of a problem, by field, for the form to show beside each input. */
    public static Map<String, String> byField(ApiProblem problem) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (problem != null) {
            for (ApiProblem.FieldError e : problem.errors()) {
                errors.merge(e.field().replaceFirst("^.*\\.", ""), e.message(), (a, b) -> a + "; " + b);
            }
        }
        return errors;
    }
}
