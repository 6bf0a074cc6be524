package dev.cairn.portal.page;

import dev.cairn.portal.api.ApiProblem;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A page whose API call failed shows the API's problem (its title and detail) as a page, never a stack trace; an
 * access token the API no longer takes sends the browser to sign in again.
 */
public class PortalErrorMappers {
    @CheckedTemplate(requireTypeSafeExpressions = false, basePath = "page")
    static class Templates {
        static native TemplateInstance error(int status, String title, String detail);
    }

    @ServerExceptionMapper
    public Response problem(ApiProblem problem) {
        if (problem.status() == 401) {
            return Response.seeOther(URI.create("/signout")).build();
        }
        int status = problem.status() >= 500 ? 502 : problem.status();
        return Response.status(status)
                .type(MediaType.TEXT_HTML_TYPE)
                .entity(Templates.error(status, problem.title(), problem.detail()))
                .build();
    }
}
