package dev.cairn.portal.dashboard;

import dev.cairn.portal.session.SignedIn;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** The signed-in home page. */
@Path("/app")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class DashboardResource {
    private final Dashboard dashboard;
    private final SignedIn user;

    public DashboardResource(Dashboard dashboard, SignedIn user) {
        this.dashboard = dashboard;
        this.user = user;
    }

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance dashboard(Dashboard.View view, SignedIn user);
    }

    /** The tenant's dashboard; a partner's administrator (who belongs to no tenant) goes to their customers. */
    @GET
    public Response dashboard() {
        if (!user.isTenantUser() && user.isPartner()) {
            return Response.seeOther(URI.create("/app/partner")).build();
        }
        return Response.ok(Templates.dashboard(dashboard.read(user.token()), user))
                .build();
    }
}
