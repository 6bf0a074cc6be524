package dev.cairn.ingest.http;

import dev.cairn.platform.http.BodyLimits;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Request bodies by route: a backup's manifest may be up to the server's limit ({@code
 * quarkus.http.limits.max-body-size}, 256 MiB: the pack references of a large backup), every other body (a backup's
 * start, an abort, at most {@code ChunkIds.MAX} chunk ids) at most 4 MiB. Over it: 413 {@code body-too-large},
 * before anything is read; a JSON body was parsed whole before its sizes were checked.
 */
public class BodyLimitFilter {
    /** The largest body of every route but the manifest. */
    static final long JSON_BYTES = 4L << 20;

    /** The manifest's: the server's own limit (it refuses more itself, with or without a length). */
    static final long MANIFEST_BYTES = 256L << 20;

    private static final Pattern MANIFEST = Pattern.compile("/api/v1/backups/[^/]+/manifest");

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> limit(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        return BodyLimits.refuse(request, MANIFEST.matcher(path).matches() ? MANIFEST_BYTES : JSON_BYTES);
    }
}
