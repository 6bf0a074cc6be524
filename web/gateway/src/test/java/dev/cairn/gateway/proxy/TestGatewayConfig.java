package dev.cairn.gateway.proxy;

import dev.cairn.gateway.GatewayConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/** The gateway's settings for a proxy test: every path to one service, its pools as given. */
record TestGatewayConfig(
        URI service, int upstreamRequestConnections, int upstreamQueue, Duration upstreamWait, Duration timeout)
        implements GatewayConfig {

    /** The defaults' pools and timeout. */
    TestGatewayConfig(URI service) {
        this(service, 64, 2000, Duration.ofSeconds(3), Duration.ofSeconds(60));
    }

    @Override
    public Map<String, URI> services() {
        return Map.of("tenant", service);
    }

    @Override
    public Map<String, URI> health() {
        return Map.of();
    }

    @Override
    public Map<String, String> routes() {
        return Map.of("/api/v1/", "tenant");
    }

    @Override
    public String pages() {
        return "portal";
    }

    @Override
    public int upstreamConnections() {
        return 20_000;
    }
}
