package dev.cairn.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import org.junit.jupiter.api.Test;

class ProxyRoutesTest {
    @Test
    void theGatewayAnswersTheApiItsStatusPageTheChartAndHealthItselfAndThePortalEverythingElse() {
        assertThat(ProxyRoutes.ownPath("/api/v1/clusters")).isTrue();
        assertThat(ProxyRoutes.ownPath("/charts/cairn-agent.tgz")).isTrue();
        assertThat(ProxyRoutes.ownPath("/q/health/ready")).isTrue();
        assertThat(ProxyRoutes.ownPath("/status")).isTrue();
        assertThat(ProxyRoutes.ownPath("/status.html")).isTrue();
        assertThat(ProxyRoutes.ownPath("/")).isFalse();
        assertThat(ProxyRoutes.ownPath("/app/clusters/new")).isFalse();
        assertThat(ProxyRoutes.ownPath("/webjars/htmx.org/2.0.4/dist/htmx.min.js"))
                .isFalse();
        assertThat(ProxyRoutes.ownPath("/apiary")).isFalse();
    }

    @Test
    void forwardingAndHopByHopHeadersOfTheClientAreNotPassedOn() {
        MultiMap from = MultiMap.caseInsensitiveMultiMap()
                .add("Authorization", "Bearer t")
                .add("Content-Type", "application/json")
                .add("X-Forwarded-Host", "evil.example")
                .add("x-forwarded-port", "6666")
                .add("X-Forwarded-Prefix", "/evil")
                .add("Forwarded", "host=evil.example")
                .add("X-Real-IP", "10.0.0.1")
                .add("Connection", "keep-alive, X-Secret-Hop")
                .add("X-Secret-Hop", "1")
                .add("Keep-Alive", "timeout=5")
                .add("Proxy-Connection", "keep-alive")
                .add("TE", "trailers")
                .add("Host", "evil.example");
        MultiMap to = MultiMap.caseInsensitiveMultiMap();
        ProxyRoutes.copyHeaders(from, to);
        assertThat(to.names()).containsExactlyInAnyOrder("Authorization", "Content-Type");
    }
}
