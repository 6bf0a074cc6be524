package dev.cairn.gateway.proxy;

import dev.cairn.gateway.GatewayConfig;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Streams {@code /api/**} requests to the owning service and its answer back, bodies never buffered. Unknown API
 * paths and unreachable services answer problem+json (404 and 502) like the services themselves.
 */
@ApplicationScoped
public class ProxyRoutes {
    private static final Logger LOG = Logger.getLogger(ProxyRoutes.class);

    /** Hop-by-hop headers (RFC 9110, 7.6.1) are not forwarded. */
    private static final Set<String> HOP_BY_HOP = Set.of(
            "connection",
            "keep-alive",
            "proxy-authenticate",
            "proxy-authorization",
            "te",
            "trailer",
            "transfer-encoding",
            "upgrade",
            "host");

    private final RouteTable table;
    private final GatewayConfig config;
    private HttpClient client;

    public ProxyRoutes(GatewayConfig config) {
        this.config = config;
        this.table = new RouteTable(config.routes(), config.services());
    }

    void install(@Observes Router router, Vertx vertx) {
        client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout(5000)
                .setKeepAlive(true)
                .setMaxPoolSize(64));
        router.route("/api/*").order(-10).handler(this::proxy);
        URI pages = config.services().get(config.pages());
        if (pages != null) {
            router.route("/*").order(-5).handler(ctx -> page(ctx, pages));
        }
        router.get("/status").order(-6).handler(ctx -> ctx.reroute("/status.html"));
    }

    private void proxy(RoutingContext ctx) {
        String path = ctx.request().path();
        if (path.startsWith("/api/v1/status")) {
            ctx.next();
            return;
        }
        URI target = table.resolve(path).orElse(null);
        if (target == null) {
            problem(ctx, 404, "not-found", "Not found", "no API operation at " + path);
            return;
        }
        forward(ctx, target);
    }

    /** A page of the portal; the gateway's own (the status page, the agent's chart, health) it serves itself. */
    private void page(RoutingContext ctx, URI portal) {
        if (ownPath(ctx.request().path())) {
            ctx.next();
            return;
        }
        forward(ctx, portal);
    }

    /** Whether the gateway answers the path itself instead of the portal. */
    static boolean ownPath(String path) {
        return path.startsWith("/api/")
                || path.startsWith("/charts/")
                || path.startsWith("/q/")
                || path.equals("/status")
                || path.equals("/status.html");
    }

    private void forward(RoutingContext ctx, URI target) {
        ctx.request().pause();
        RequestOptions options = new RequestOptions()
                .setMethod(ctx.request().method())
                .setHost(target.getHost())
                .setPort(target.getPort())
                .setURI(ctx.request().uri())
                .setTimeout(config.timeout().toMillis());
        client.request(options).onFailure(e -> unreachable(ctx, target, e)).onSuccess(outbound -> {
            copyHeaders(ctx.request().headers(), outbound.headers());
            outbound.putHeader("X-Forwarded-Host", String.valueOf(ctx.request().authority()));
            outbound.putHeader("X-Forwarded-Proto", ctx.request().scheme());
            outbound.send(ctx.request())
                    .onFailure(e -> unreachable(ctx, target, e))
                    .onSuccess(inbound -> {
                        ctx.response().setStatusCode(inbound.statusCode());
                        copyHeaders(inbound.headers(), ctx.response().headers());
                        // Transfer-Encoding is hop-by-hop: a body streamed without a length goes on streamed
                        if ("chunked".equalsIgnoreCase(inbound.getHeader(HttpHeaders.TRANSFER_ENCODING))) {
                            ctx.response().setChunked(true);
                        }
                        inbound.pipeTo(ctx.response());
                    });
        });
    }

    private static void copyHeaders(MultiMap from, MultiMap to) {
        from.forEach(header -> {
            if (!HOP_BY_HOP.contains(header.getKey().toLowerCase(java.util.Locale.ROOT))) {
                to.add(header.getKey(), header.getValue());
            }
        });
    }

    private static void unreachable(RoutingContext ctx, URI target, Throwable e) {
        LOG.warnf("service at %s unreachable for %s: %s", target, ctx.request().path(), e.getMessage());
        if (!ctx.response().headWritten()) {
            problem(
                    ctx,
                    502,
                    "service-unavailable",
                    "Service unavailable",
                    "the service behind " + ctx.request().path() + " did not answer; try again shortly");
        } else {
            ctx.response().reset();
        }
    }

    static void problem(RoutingContext ctx, int status, String slug, String title, String detail) {
        ctx.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                .end(new JsonObject()
                        .put("type", "https://cairn.dev/problems/" + slug)
                        .put("title", title)
                        .put("status", status)
                        .put("detail", detail)
                        .put("instance", ctx.request().path())
                        .encode());
    }
}
