package dev.cairn.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway in front of a service that stops answering (a cold start under load, a stall): it holds at most its
 * pool's connections to the service, lets a bounded queue wait a bounded time, and answers the rest 503 at once,
 * instead of opening ever more connections that time out as 502s (the public API's cold load test: half its requests).
 */
class UpstreamPoolTest {
    private static final int CONNECTIONS = 2;
    private static final int QUEUE = 2;
    private static final Duration WAIT = Duration.ofMillis(500);

    private final Vertx vertx = Vertx.vertx();
    private final List<HttpServerRequest> held = new CopyOnWriteArrayList<>();
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aStalledServiceGetsItsPoolsRequestsAndTheRestWaitThenAnswer503() throws Exception {
        HttpServer gateway = gatewayToAStalledService(Duration.ofSeconds(60));
        HttpClient clients = vertx.createHttpClient(new HttpClientOptions()
                .setDefaultHost("127.0.0.1")
                .setDefaultPort(gateway.actualPort())
                .setMaxPoolSize(20));

        List<Future<HttpClientResponse>> answers = new ArrayList<>();
        for (int i = 0; i < CONNECTIONS; i++) {
            answers.add(clients.request(HttpMethod.GET, "/api/v1/clusters").compose(r -> r.send()));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> held.size() == CONNECTIONS);

        // every connection busy: the queue waits, its overflow is refused at once
        long begin = System.nanoTime();
        List<Future<HttpClientResponse>> refused = new ArrayList<>();
        List<Duration> waited = new CopyOnWriteArrayList<>();
        for (int i = 0; i < QUEUE + 3; i++) {
            refused.add(clients.request(HttpMethod.GET, "/api/v1/clusters")
                    .compose(r -> r.send())
                    .onComplete(r -> waited.add(Duration.ofNanos(System.nanoTime() - begin))));
        }
        List<Integer> statuses = new ArrayList<>();
        List<String> retryAfter = new ArrayList<>();
        for (Future<HttpClientResponse> answer : refused) {
            HttpClientResponse response =
                    answer.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            statuses.add(response.statusCode());
            retryAfter.add(response.getHeader("Retry-After"));
        }
        assertThat(statuses).containsOnly(503);
        assertThat(retryAfter).containsOnly("1");
        assertThat(waited.stream().filter(w -> w.compareTo(WAIT) >= 0))
                .as("waited: %s", waited)
                .hasSize(QUEUE);
        assertThat(waited.stream().filter(w -> w.compareTo(WAIT) < 0))
                .as("waited: %s", waited)
                .hasSize(3);
        // the service never saw more than the pool
        assertThat(held).hasSize(CONNECTIONS);
        assertThat(metrics.get("cairn.gateway.refused")
                        .tag("service", "tenant")
                        .counter()
                        .count())
                .isEqualTo(QUEUE + 3);
        assertThat(answers.subList(0, CONNECTIONS)).noneMatch(Future::isComplete);

        // once it answers, the held requests get their answers
        held.forEach(r -> r.response().end("{\"items\":[]}"));
        for (Future<HttpClientResponse> answer : answers.subList(0, CONNECTIONS)) {
            assertThat(answer.toCompletionStage()
                            .toCompletableFuture()
                            .get(10, TimeUnit.SECONDS)
                            .statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void aServiceThatTakesARequestButDoesNotAnswerInTimeIsAnswered504() throws Exception {
        HttpServer gateway = gatewayToAStalledService(Duration.ofMillis(300));
        HttpClient client = vertx.createHttpClient(
                new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(gateway.actualPort()));

        HttpClientResponse answer = client.request(HttpMethod.GET, "/api/v1/clusters")
                .compose(r -> r.send())
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);

        assertThat(answer.statusCode()).isEqualTo(504);
        assertThat(answer.getHeader("Content-Type")).isEqualTo("application/problem+json");
        assertThat(held).hasSize(1);
    }

    /** A gateway (this test's pool, {@code timeout}) in front of a service that holds every request it gets. */
    private HttpServer gatewayToAStalledService(Duration timeout) throws Exception {
        HttpServer service = LongPollProxyTest.listen(vertx.createHttpServer().requestHandler(held::add));
        Router router = Router.router(vertx);
        new ProxyRoutes(
                        new TestGatewayConfig(
                                URI.create("http://127.0.0.1:" + service.actualPort()),
                                CONNECTIONS,
                                QUEUE,
                                WAIT,
                                timeout),
                        metrics)
                .install(router, vertx);
        return LongPollProxyTest.listen(vertx.createHttpServer().requestHandler(router));
    }
}
