package dev.cairn.tenant.http;

import dev.cairn.api.agent.command.BrowseSpec;
import dev.cairn.platform.http.BodyLimits;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Request bodies by route: a file an agent sends for download may be up to {@link BrowseSpec#MAX_DOWNLOAD_BYTES}
 * (the server's own limit is set just above it), every other body at most 10 MiB (the server's default before). Over
 * it: 413 {@code body-too-large}, before anything is read.
 */
public class BodyLimitFilter {
    /** The largest body of every route but the agents' file upload. */
    static final long JSON_BYTES = 10L << 20;

    private static final Pattern FILE_UPLOAD = Pattern.compile("/api/v1/agent/commands/[^/]+/file");

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> limit(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        return BodyLimits.refuse(
                request, FILE_UPLOAD.matcher(path).matches() ? BrowseSpec.MAX_DOWNLOAD_BYTES : JSON_BYTES);
    }
}
