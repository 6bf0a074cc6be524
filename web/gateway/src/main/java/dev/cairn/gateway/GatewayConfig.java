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
     * The most connections the gateway holds open to one service at once. Each request in flight holds one, and an
     * agent's long-poll holds its connection for up to a minute: 10,000 idle agents need 10,000 (a small pool queued
     * every request behind the polls: load-tests, AgentControlPlaneSimulation). Mind the process's open-file limit.
     */
    @WithDefault("20000")
    int upstreamConnections();

    /** How long a proxied request may take before the gateway answers 504. */
    @WithDefault("60s")
    Duration timeout();
}
