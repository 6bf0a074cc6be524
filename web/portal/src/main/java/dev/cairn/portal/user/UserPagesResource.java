package dev.cairn.portal.user;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.portal.api.ApiProblem;
import dev.cairn.portal.api.PlatformApi;
import dev.cairn.portal.session.SignedIn;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Map;

/** The tenant's users: list; for administrators, invite, change a role, remove. */
@Path("/app/users")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class UserPagesResource {
    private final PlatformApi api;
    private final SignedIn user;

    public UserPagesResource(PlatformApi api, SignedIn user) {
        this.api = api;
        this.user = user;
    }

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance users(
                SignedIn user, JsonNode users, JsonNode invitation, ApiProblem problem, String email);
    }

    @GET
    public TemplateInstance users() {
        return Templates.users(user, api.every(user.token(), "tenant/users?limit=500"), null, null, "");
    }

    /** Invites a user; the page shows their one-time password once (they choose their own at first sign-in). */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response invite(@FormParam("email") String email, @FormParam("role") String role) {
        try {
            JsonNode invitation = api.post(
                    user.token(),
                    "tenant/users",
                    Map.of("email", email == null ? "" : email, "role", role == null ? "" : role),
                    null);
            return Response.status(201)
                    .entity(Templates.users(
                            user, api.every(user.token(), "tenant/users?limit=500"), invitation, null, ""))
                    .build();
        } catch (ApiProblem problem) {
            if (problem.status() == 401) {
                throw problem;
            }
            return Response.status(422)
                    .entity(Templates.users(
                            user, api.every(user.token(), "tenant/users?limit=500"), null, problem, email))
                    .build();
        }
    }

    @POST
    @Path("{userId}/role")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response changeRole(@PathParam("userId") String userId, @FormParam("role") String role) {
        api.put(user.token(), "tenant/users/" + userId + "/role", Map.of("role", role == null ? "" : role));
        return Response.seeOther(URI.create("/app/users")).build();
    }

    @POST
    @Path("{userId}/remove")
    public Response remove(@PathParam("userId") String userId) {
        api.delete(user.token(), "tenant/users/" + userId);
        return Response.seeOther(URI.create("/app/users")).build();
    }
}
