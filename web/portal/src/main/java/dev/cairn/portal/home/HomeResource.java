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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

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
                JsonNode regions, Map<String, String> form, ApiProblem problem, Map<String, String> errors);

        static native TemplateInstance signupSent(String email, String confirmBy);

        static native TemplateInstance confirm(String token, ApiProblem problem);
    }

    @GET
    public TemplateInstance home() {
        return Templates.home();
    }

    @GET
    @Path("signup")
    public TemplateInstance signupForm() {
        return Templates.signup(api.get(null, "regions"), Map.of(), null, Map.of());
    }

    /**
     * Signs up through the public API, which mails the address a link; on success the page says where to look. A
     * refused signup shows the form again with the API's reasons.
     */
    @POST
    @Path("signup")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signup(
            @FormParam("organisation") String organisation,
            @FormParam("email") String email,
            @FormParam("password") String password,
            @FormParam("homeRegion") String homeRegion,
            @FormParam("drRegion") String drRegion) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("organisation", organisation);
        form.put("email", email);
        form.put("password", password);
        form.put("homeRegion", homeRegion);
        form.put("drRegion", drRegion == null || drRegion.isBlank() ? null : drRegion);
        JsonNode accepted;
        try {
            accepted = api.post(null, "signup", form, null);
        } catch (ApiProblem problem) {
            form.remove("password");
            return Response.status(problem.status() >= 500 ? 502 : 422)
                    .entity(Templates.signup(api.get(null, "regions"), form, problem, byField(problem)))
                    .build();
        }
        return Response.ok(Templates.signupSent(
                        accepted.path("email").asText(),
                        accepted.path("confirmBy").asText().replace('T', ' ').replaceFirst("\\..*|Z$", "") + " UTC"))
                .build();
    }

    /**
     * The page a confirmation link opens: a button that confirms. Opening the link changes nothing (mail scanners
     * open links), pressing the button does.
     */
    @GET
    @Path("signup/confirm")
    public TemplateInstance confirmForm(@QueryParam("token") String token) {
        return Templates.confirm(token == null ? "" : token, null);
    }

    /** Confirms the signup through the public API, then goes on to sign in; a refused link says why. */
    @POST
    @Path("signup/confirm")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response confirm(@FormParam("token") String token) {
        try {
            api.post(null, "signup/confirmations", Map.of("token", token == null ? "" : token), null);
        } catch (ApiProblem problem) {
            return Response.status(problem.status() >= 500 ? 502 : 422)
                    .entity(Templates.confirm(token, problem))
                    .build();
        }
        return Response.seeOther(URI.create("/app")).build();
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
