package dev.cairn.platform.http;

import dev.cairn.platform.problem.Problem;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/**
 * A route's body limit, checked on its {@code Content-Length} before anything is read: over it, {@code 413
 * body-too-large}. Each service's {@code BodyLimitFilter} says which limit a path has; the server's own
 * {@code quarkus.http.limits.max-body-size} (its largest route's) bounds a body sent without a length.
 */
public final class BodyLimits {
    private BodyLimits() {}

    /** The refusal of a request whose announced body is over {@code limit} bytes, or empty. */
    public static Optional<Response> refuse(ContainerRequestContext request, long limit) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return Optional.empty();
        }
        long bytes;
        try {
            bytes = Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return Optional.empty(); // the server refuses a malformed length itself
        }
        if (bytes <= limit) {
            return Optional.empty();
        }
        String path = request.getUriInfo().getPath();
        return Optional.of(Response.status(413)
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem(
                        Problem.type("body-too-large"),
                        "Body too large",
                        413,
                        "this route takes at most " + limit + " bytes",
                        path,
                        null))
                .build());
    }
}
