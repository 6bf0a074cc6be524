package dev.cairn.portal.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.portal.PortalConfig;
import dev.cairn.portal.api.ApiProblem;
import dev.cairn.portal.api.PlatformApi;
import dev.cairn.portal.home.HomeResource;
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
import java.util.Map;
import java.util.UUID;

/** Adding a cluster and watching its agent connect. */
@Path("/app/clusters")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class ClusterPagesResource {
    private final PlatformApi api;
    private final SignedIn user;
    private final PortalConfig config;

    public ClusterPagesResource(PlatformApi api, SignedIn user, PortalConfig config) {
        this.api = api;
        this.user = user;
        this.config = config;
    }

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance add(SignedIn user, String name, ApiProblem problem, Map<String, String> errors);

        static native TemplateInstance added(SignedIn user, JsonNode cluster, JsonNode registration, long refreshMs);

        static native TemplateInstance status(JsonNode cluster, long refreshMs);
    }

    @GET
    @Path("new")
    public TemplateInstance addForm() {
        return Templates.add(user, "", null, Map.of());
    }

    /** Adds the cluster; the answer shows its one-time helm one-liner (only now: the token is not kept readable). */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response add(@FormParam("name") String name) {
        try {
            JsonNode created = api.post(user.token(), "clusters", Map.of("name", name == null ? "" : name), null);
            return Response.status(201)
                    .entity(Templates.added(
                            user,
                            created.path("cluster"),
                            created.path("registration"),
                            config.refreshEvery().toMillis()))
                    .build();
        } catch (ApiProblem problem) {
            if (problem.status() == 401) {
                throw problem;
            }
            return Response.status(422)
                    .entity(Templates.add(user, name, problem, HomeResource.byField(problem)))
                    .build();
        }
    }

    /** The live part of the page: the cluster's phase, fetched again until its agent has connected. */
    @GET
    @Path("{clusterId}/status")
    public TemplateInstance status(@PathParam("clusterId") UUID clusterId) {
        return Templates.status(
                api.get(user.token(), "clusters/" + clusterId),
                config.refreshEvery().toMillis());
    }
}
