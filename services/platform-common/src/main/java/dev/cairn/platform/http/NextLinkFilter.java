package dev.cairn.platform.http;

import dev.cairn.platform.page.Page;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Link;
import jakarta.ws.rs.ext.Provider;

/**
 * Adds {@code Link: <the same request with cursor=nextCursor>; rel="next"} (RFC 8288) to every answer that is a
 * {@link Page} with a next page, so that a client can follow the list without building URLs. The URL is the
 * caller's (the services read the gateway's {@code X-Forwarded-*}).
 */
@Provider
public class NextLinkFilter implements ContainerResponseFilter {
    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getEntity() instanceof Page<?> page && page.nextCursor() != null) {
            response.getHeaders()
                    .add(
                            "Link",
                            Link.fromUri(request.getUriInfo()
                                            .getRequestUriBuilder()
                                            .replaceQueryParam("cursor", page.nextCursor())
                                            .build())
                                    .rel("next")
                                    .build()
                                    .toString());
        }
    }
}
