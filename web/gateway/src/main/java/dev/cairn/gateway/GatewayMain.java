package dev.cairn.gateway;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Starts the gateway with Vert.x's own URI check off: it answered a request with a malformed percent-escape in its
 * query ({@code ?limit=%ZZ}) an empty {@code 400} before any route, where every answer of the API is problem+json.
 * The gateway's first route checks path and query itself ({@code RequestPath}) and answers {@code bad-path} or
 * {@code bad-query}; the property is read once, when Vert.x's HTTP recorder is loaded, so it is set before start.
 */
@QuarkusMain
public final class GatewayMain {
    private GatewayMain() {}

    public static void main(String... args) {
        System.setProperty("vertx.disableURIValidation", "true");
        Quarkus.run(args);
    }
}
