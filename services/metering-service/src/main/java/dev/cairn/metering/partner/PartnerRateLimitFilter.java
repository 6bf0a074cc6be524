package dev.cairn.metering.partner;

import dev.cairn.metering.MeteringConfig;
import dev.cairn.platform.http.RateLimited;
import dev.cairn.platform.http.TokenBucket;
import dev.cairn.platform.identity.TokenClaims;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Each partner's requests to the partner API through a token bucket ({@code cairn.metering.partner-rate} per second,
 * bursts of {@code partner-burst}): over it, 429 {@code rate-limited} with {@code Retry-After} in seconds. Per
 * instance: with N replicas a partner gets at most N times the rate.
 */
public class PartnerRateLimitFilter {
    private final MeteringConfig config;
    private final JsonWebToken token;
    private final ConcurrentHashMap<UUID, TokenBucket> buckets = new ConcurrentHashMap<>();

    public PartnerRateLimitFilter(MeteringConfig config, JsonWebToken token) {
        this.config = config;
        this.token = token;
    }

    @ServerRequestFilter
    public Optional<Response> limit(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/api/v1/partner/") || token == null || token.getRawToken() == null) {
            return Optional.empty();
        }
        Optional<UUID> partner = new TokenClaims(token::getClaim).uuid(TokenClaims.PARTNER_ID);
        if (partner.isEmpty()) {
            return Optional.empty();
        }
        long now = System.nanoTime();
        Optional<Duration> wait = buckets.computeIfAbsent(
                        partner.get(), p -> new TokenBucket(config.partnerRate(), config.partnerBurst(), now))
                .take(now);
        if (wait.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(RateLimited.answer(
                wait.get(), "this partner exceeded " + config.partnerRate() + " requests per second", path));
    }
}
