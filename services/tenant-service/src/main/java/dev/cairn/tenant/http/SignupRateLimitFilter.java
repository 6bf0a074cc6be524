package dev.cairn.tenant.http;

import dev.cairn.platform.http.RateLimited;
import dev.cairn.platform.http.TokenBucket;
import dev.cairn.tenant.tenant.TenantsConfig;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The unauthenticated ways in ({@code POST /api/v1/signup} and its confirmations, {@code POST /api/v1/agent/register}) through a token
 * bucket per client address ({@code cairn.tenants.signups-per-minute}, bursts of {@code signup-burst}): over it,
 * {@code 429 rate-limited} with {@code Retry-After}. The client address is the one the gateway forwards (it drops
 * clients' own {@code X-Forwarded-For}). At most {@link #MAX_CLIENTS} addresses are remembered, the least recently
 * seen forgotten first. Per instance: with N replicas an address gets at most N times the rate.
 */
public class SignupRateLimitFilter {
    /** The most client addresses whose buckets are kept. */
    static final int MAX_CLIENTS = 100_000;

    private static final Set<String> LIMITED =
            Set.of("/api/v1/signup", "/api/v1/signup/confirmations", "/api/v1/agent/register");

    private final TenantsConfig config;
    private final Map<String, TokenBucket> buckets = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, TokenBucket> eldest) {
            return size() > MAX_CLIENTS;
        }
    };

    public SignupRateLimitFilter(TenantsConfig config) {
        this.config = config;
    }

    @ServerRequestFilter
    public Optional<Response> limit(ContainerRequestContext request, HttpServerRequest http) {
        String path = request.getUriInfo().getPath();
        if (!"POST".equals(request.getMethod()) || !LIMITED.contains(path)) {
            return Optional.empty();
        }
        String client =
                http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress();
        long now = System.nanoTime();
        TokenBucket bucket;
        synchronized (buckets) {
            bucket = buckets.computeIfAbsent(
                    client, c -> new TokenBucket(config.signupsPerMinute() / 60, config.signupBurst(), now));
        }
        Optional<Duration> wait = bucket.take(now);
        return wait.map(w -> RateLimited.answer(
                w,
                "this address exceeded " + config.signupsPerMinute() + " signups or registrations per minute",
                path));
    }
}
