package dev.cairn.platform.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.platform.problem.Problem;
import io.quarkus.vertx.http.ManagementInterface;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Where the services' internal API ({@code /internal/*}, one service calling another) is served: on the management
 * interface (each service's {@code quarkus.management.port}, with {@code /q/*}), never on the port the gateway
 * forwards to. The JAX-RS resources stay where Quarkus serves them, on the main router; the management interface
 * hands every request that is not its own ({@code /q/*}) to that router, marked as having come in there, and the main
 * router answers {@code 404 not-found} to an {@code /internal/*} request that did not (ADR 0029). So one routing
 * mistake at the gateway, or a pod reached on its service port, exposes no internal operation; the internal callers
 * (each service's REST clients) use the management port.
 */
@ApplicationScoped
public class InternalInterface {
    /** The prefix of the internal API. */
    public static final String PREFIX = "/internal/";

    private static final String CAME_IN_ON_MANAGEMENT = "cairn.management-interface";

    private final ObjectMapper json;
    private volatile Router main;

    public InternalInterface(ObjectMapper json) {
        this.json = json;
    }

    /** The main router: {@code /internal/*} only when handed over by the management interface. */
    void onMain(@Observes Router router) {
        this.main = router;
        router.route().order(Integer.MIN_VALUE).handler(this::refuseUnlessFromManagement);
    }

    /** The management interface: everything but its own {@code /q/*} goes on to the main router. */
    void onManagement(@Observes ManagementInterface management) {
        management.router().route().order(Integer.MAX_VALUE - 1).handler(this::handToMain);
    }

    private void refuseUnlessFromManagement(RoutingContext context) {
        if (isInternal(context.normalizedPath()) && context.get(CAME_IN_ON_MANAGEMENT) == null) {
            notFound(context);
        } else {
            context.next();
        }
    }

    private void handToMain(RoutingContext context) {
        Router router = main;
        if (router == null || context.normalizedPath().startsWith("/q/")) {
            context.next();
            return;
        }
        context.put(CAME_IN_ON_MANAGEMENT, Boolean.TRUE);
        router.handleContext(context);
    }

    /** True for a path of the internal API (the normalized path: dot segments and escaped letters resolved). */
    static boolean isInternal(String normalizedPath) {
        return normalizedPath.startsWith(PREFIX) || normalizedPath.equals("/internal");
    }

    private void notFound(RoutingContext context) {
        Problem problem = new Problem(
                Problem.type("not-found"),
                "Not found",
                404,
                "no such operation on this port",
                context.normalizedPath(),
                null);
        try {
            context.response()
                    .setStatusCode(404)
                    .putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .end(json.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            context.fail(e);
        }
    }
}
