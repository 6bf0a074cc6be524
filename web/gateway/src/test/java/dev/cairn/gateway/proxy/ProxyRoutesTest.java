package dev.cairn.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

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
}
