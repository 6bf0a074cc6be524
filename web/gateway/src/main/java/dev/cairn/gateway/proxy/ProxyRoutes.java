package dev.cairn.gateway.proxy;

import dev.cairn.gateway.GatewayConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Streams {@code /api/**} requests to the owning service and its answer back, bodies never buffered. Unknown API
 * paths and unreachable services answer problem+json (404 and 502) like the services themselves.
 *
 * <p>Agents' long-polls each hold a connection of their own (a pool as large as the agents); every other request takes
 * one of a small pool per service and waits for one when all are busy, in a bounded queue for a bounded time: a service
 * that slows down sees a steady number of requests, and what cannot wait is answered 503 {@code overloaded} with
 * {@code Retry-After} at once (counted in {@code cairn_gateway_refused_total}), never a storm of new connections.
 *
 * <p>Only paths in normal form ({@link RequestPath}) are routed: another form is sent to its normal form (308, method
 * and body kept), a path that has none is refused (400), so that what the gateway routes on is what the service
 * behind reads. Client-supplied {@code Forwarded} and {@code X-Forwarded-*} headers are dropped and set by the gateway
 * itself (the portal builds its sign-in redirect from them), and so are hop-by-hop headers, including those a
 * {@code Connection} header names.
 */
@ApplicationScoped
public class ProxyRoutes {
    private static final Logger LOG = Logger.getLogger(ProxyRoutes.class);

    /** Hop-by-hop headers (RFC 9110, 7.6.1) are not forwarded, nor {@code Host}. */
    private static final Set<String> HOP_BY_HOP = Set.of(
            "connection",
            "proxy-connection",
            "keep-alive",
            "proxy-authenticate",
            "proxy-authorization",
            "te",
            "trailer",
            "transfer-encoding",
            "upgrade",
            "host");

    /** What says where a request came from: only the gateway sets these (never passed on from a client). */
    private static final Set<String> FORWARDING = Set.of("forwarded", "x-real-ip");

    private static final String FORWARDING_PREFIX = "x-forwarded-";

    /** The agents' long-poll: it holds its upstream connection until a command comes or its wait ends. */
    static final String LONG_POLL = "/api/v1/agent/commands";

    private final RouteTable table;
    private final GatewayConfig config;
    private final MeterRegistry metrics;
    private HttpClient polls;
    private HttpClient requests;

    public ProxyRoutes(GatewayConfig config, MeterRegistry metrics) {
        this.config = config;
        this.metrics = metrics;
        this.table = new RouteTable(config.routes(), config.services());
        // one series per service from the start, so that a rate over it is defined before the first refusal
        config.services().keySet().forEach(this::refused);
    }

    void install(@Observes Router router, Vertx vertx) {
        polls = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout(5000)
                .setKeepAlive(true)
                .setMaxPoolSize(config.upstreamConnections()));
        requests = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout(5000)
                .setKeepAlive(true)
                .setMaxPoolSize(config.upstreamRequestConnections())
                .setMaxWaitQueueSize(config.upstreamQueue()));
        router.route().order(-20).handler(ProxyRoutes::normalForm);
        router.route("/api/*").order(-10).handler(this::proxy);
        URI pages = config.services().get(config.pages());
        if (pages != null) {
            router.route("/*").order(-5).handler(ctx -> page(ctx, pages));
        }
        router.get("/status").order(-6).handler(ctx -> ctx.reroute("/status.html"));
    }

    /**
     * The longest request target (path and query) passed on: the services' HTTP decoders refuse longer lines with a
     * bare 414 (no problem+json), so the gateway, whose decoder takes up to 64 KiB, answers them itself.
     */
    static final int MAX_TARGET_LENGTH = 4000;

    /** Passes a path in normal form on; sends another to its normal form, refuses one that has none. */
    private static void normalForm(RoutingContext ctx) {
        if (ctx.request().uri().length() > MAX_TARGET_LENGTH) {
            problem(
                    ctx,
                    414,
                    "uri-too-long",
                    "Request target too long",
                    "a request target (path and query) is at most " + MAX_TARGET_LENGTH + " characters");
            return;
        }
        String raw = ctx.request().path();
        String normal;
        try {
            normal = RequestPath.normalize(raw);
        } catch (RequestPath.RefusedException e) {
            problem(ctx, 400, "bad-path", "Bad request path", e.getMessage());
            return;
        }
        if (ctx.request().query() != null) {
            try {
                RequestPath.checkQuery(ctx.request().query());
            } catch (RequestPath.RefusedException e) {
                problem(ctx, 400, "bad-query", "Bad query", e.getMessage());
                return;
            }
        }
        if (normal.equals(raw)) {
            ctx.next();
            return;
        }
        String query = ctx.request().query();
        ctx.response()
                .setStatusCode(308)
                .putHeader(HttpHeaders.LOCATION, query == null ? normal : normal + "?" + query)
                .end();
    }

    private void proxy(RoutingContext ctx) {
        String path = ctx.request().path();
        if (path.startsWith("/api/v1/status")) {
            ctx.next();
            return;
        }
        RouteTable.Route route = table.route(path).orElse(null);
        if (route == null) {
            problem(ctx, 404, "not-found", "Not found", "no API operation at " + path);
            return;
        }
        forward(ctx, route.target(), route.service());
    }

    /** A page of the portal; the gateway's own (the status page, the agent's chart, health) it serves itself. */
    private void page(RoutingContext ctx, URI portal) {
        String path = ctx.request().path();
        if (ownPath(path)) {
            ctx.next();
            return;
        }
        if (path.equals("/internal") || path.startsWith("/internal/")) {
            problem(ctx, 404, "not-found", "Not found", "nothing at " + path);
            return;
        }
        forward(ctx, portal, config.pages());
    }

    /** Whether the gateway answers the path itself instead of the portal. */
    static boolean ownPath(String path) {
        return path.startsWith("/api/")
                || path.startsWith("/charts/")
                || path.startsWith("/q/")
                || path.equals("/status")
                || path.equals("/status.html");
    }

    private void forward(RoutingContext ctx, URI target, String service) {
        ctx.request().pause();
        boolean longPoll =
                ctx.request().method() == HttpMethod.GET && ctx.request().path().equals(LONG_POLL);
        RequestOptions options = new RequestOptions()
                .setMethod(ctx.request().method())
                .setHost(target.getHost())
                .setPort(target.getPort())
                .setURI(ctx.request().uri())
                .setConnectTimeout(config.upstreamWait().toMillis())
                .setTimeout(config.timeout().toMillis());
        HttpClient client = longPoll ? polls : requests;
        client.request(options)
                .onFailure(e -> notConnected(ctx, target, service, e))
                .onSuccess(outbound -> {
                    copyHeaders(ctx.request().headers(), outbound.headers());
                    forwarding(ctx, outbound.headers());
                    outbound.send(ctx.request())
                            .onFailure(e -> {
                                if (e instanceof TimeoutException) {
                                    timedOut(ctx, target, e);
                                } else {
                                    unreachable(ctx, target, e);
                                }
                            })
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

    /** Copies end-to-end headers: not hop-by-hop ones, not those {@code Connection} names, not forwarding ones. */
    static void copyHeaders(MultiMap from, MultiMap to) {
        Set<String> named = new HashSet<>();
        for (String connection : from.getAll(HttpHeaders.CONNECTION)) {
            for (String token : connection.split(",")) {
                named.add(token.trim().toLowerCase(Locale.ROOT));
            }
        }
        from.forEach(header -> {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!HOP_BY_HOP.contains(name)
                    && !named.contains(name)
                    && !FORWARDING.contains(name)
                    && !name.startsWith(FORWARDING_PREFIX)) {
                to.add(header.getKey(), header.getValue());
            }
        });
    }

    /** Where the request came from, as the gateway saw it (RFC 7239 and the de-facto X-Forwarded-* headers). */
    private static void forwarding(RoutingContext ctx, MultiMap to) {
        String client = ctx.request().remoteAddress() == null
                ? "unknown"
                : ctx.request().remoteAddress().hostAddress();
        String host = String.valueOf(ctx.request().authority());
        String scheme = ctx.request().scheme();
        int port =
                ctx.request().authority() != null && ctx.request().authority().port() > 0
                        ? ctx.request().authority().port()
                        : "https".equals(scheme) ? 443 : 80;
        to.set("X-Forwarded-For", client);
        to.set("X-Forwarded-Host", host);
        to.set("X-Forwarded-Port", Integer.toString(port));
        to.set("X-Forwarded-Proto", scheme);
        String node = client.contains(":") ? "\"[" + client + "]\"" : client;
        to.set("Forwarded", "for=" + node + ";host=\"" + host + "\";proto=" + scheme);
    }

    /**
     * No connection to the service: all busy and the queue full or the wait over (503 {@code overloaded}: the client
     * tries again after a second), or none to be made (502).
     */
    private void notConnected(RoutingContext ctx, URI target, String service, Throwable e) {
        if (!(e instanceof ConnectionPoolTooBusyException || e instanceof TimeoutException)) {
            unreachable(ctx, target, e);
            return;
        }
        refused(service).increment();
        ctx.request().resume();
        ctx.response().putHeader(HttpHeaders.RETRY_AFTER, "1");
        problem(
                ctx,
                503,
                "overloaded",
                "Service overloaded",
                "the service behind " + ctx.request().path() + " is busy with other requests; try again in a second");
    }

    private Counter refused(String service) {
        return Counter.builder("cairn.gateway.refused")
                .description("Requests the gateway answered 503 because every connection to their service was busy"
                        + " and the queue full or the wait over")
                .tag("service", service)
                .register(metrics);
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

    /** The service took the request but did not answer within {@code cairn.gateway.timeout}: 504. */
    private void timedOut(RoutingContext ctx, URI target, Throwable e) {
        LOG.warnf(
                "service at %s did not answer %s in time: %s",
                target, ctx.request().path(), e.getMessage());
        if (!ctx.response().headWritten()) {
            problem(
                    ctx,
                    504,
                    "gateway-timeout",
                    "Service did not answer in time",
                    "the service behind " + ctx.request().path() + " did not answer within "
                            + config.timeout().toSeconds() + " s; try again later");
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
