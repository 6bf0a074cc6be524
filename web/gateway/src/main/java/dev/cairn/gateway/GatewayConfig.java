package dev.cairn.gateway;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/** Where the gateway sends each part of the public API. */
@ConfigMapping(prefix = "cairn.gateway")
public interface GatewayConfig {

    /** The base URL of each service, by service name. */
    Map<String, URI> services();

    /**
     * The management interface of each service that has one (its {@code /q/health}), by service name; a service
     * without one is asked on its base URL. Never routed: only the status page reads it.
     */
    Map<String, URI> health();

    /** Path prefix to service name; the longest matching prefix wins. */
    Map<String, String> routes();

    /**
     * The service that serves every page outside {@code /api/}, {@code /charts/}, {@code /q/} and the status page:
     * the portal (ADR 0020). Without such a service in {@link #services()} the gateway serves only its own pages.
     */
    @WithDefault("portal")
    String pages();

    /**
     * The most connections the gateway holds open to one service for agents' long-polls ({@code GET
     * /api/v1/agent/commands}): each holds its connection for up to a minute, so 10,000 idle agents need 10,000 (a
     * small pool queued every request behind the polls: load-tests, AgentControlPlaneSimulation). Mind the process's
     * open-file limit.
     */
    @WithDefault("20000")
    int upstreamConnections();

    /**
     * The most connections the gateway holds open to one service for every other request. A request waits for one
     * (see {@link #upstreamQueue()}, {@link #upstreamWait()}), so a service that slows down (a cold start, a burst)
     * has at most this many requests at once rather than a storm of new connections that time out (502s at 5 s).
     */
    @WithDefault("64")
    int upstreamRequestConnections();

    /** How many requests may wait for one of a service's {@link #upstreamRequestConnections()}; more answer 503. */
    @WithDefault("2000")
    int upstreamQueue();

    /** How long a request waits for one of a service's connections before it answers 503 with Retry-After. */
    @WithDefault("3s")
    Duration upstreamWait();

    /** How long a proxied request may take before the gateway answers 504. */
    @WithDefault("60s")
    Duration timeout();
}
