package dev.cairn.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway in front of a service that holds requests open, as the tenant service holds agents' long-polls:
 * other requests to that service must not queue behind them (they did with a pool of 64 upstream connections; the
 * agent control-plane load test found it with 2,000 agents).
 */
class LongPollProxyTest {
    private static final int HELD = 200;

    private final Vertx vertx = Vertx.vertx();
    private final List<HttpServerRequest> held = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() throws Exception {
        held.forEach(r -> r.response().end("{}"));
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void requestsPassWhileManyLongPollsHoldTheirUpstreamConnections() throws Exception {
        CountDownLatch allHeld = new CountDownLatch(HELD);
        HttpServer service = listen(vertx.createHttpServer().requestHandler(request -> {
            if (request.path().equals("/api/v1/agent/commands")) {
                held.add(request);
                allHeld.countDown();
            } else {
                request.response().end("{\"items\":[]}");
            }
        }));
        Router router = Router.router(vertx);
        new ProxyRoutes(
                        new TestGatewayConfig(URI.create("http://127.0.0.1:" + service.actualPort())),
                        new SimpleMeterRegistry())
                .install(router, vertx);
        HttpServer gateway = listen(vertx.createHttpServer().requestHandler(router));
        HttpClient agents = vertx.createHttpClient(new HttpClientOptions()
                .setDefaultHost("127.0.0.1")
                .setDefaultPort(gateway.actualPort())
                .setMaxPoolSize(HELD + 10));

        for (int i = 0; i < HELD; i++) {
            agents.request(HttpMethod.GET, "/api/v1/agent/commands?wait=25").compose(r -> r.send());
        }
        assertThat(allHeld.await(20, TimeUnit.SECONDS))
                .as("every long-poll reached the service")
                .isTrue();

        long begin = System.nanoTime();
        int status = agents.request(HttpMethod.GET, "/api/v1/clusters")
                .compose(r -> r.send())
                .map(r -> r.statusCode())
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);

        assertThat(status).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(5));
    }

    static HttpServer listen(HttpServer server) throws Exception {
        return server.listen(0, "127.0.0.1")
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }
}
