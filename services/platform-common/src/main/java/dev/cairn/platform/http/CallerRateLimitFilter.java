package dev.cairn.platform.http;

import dev.cairn.platform.identity.TokenClaims;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every request to a service's public API ({@code /api/...}) with a token of a tenant's user, an agent or a partner
 * goes through that caller's token bucket ({@link CallerRateLimits}, rates in {@link RateLimitsConfig}); over it,
 * {@code 429 rate-limited} with {@code Retry-After}, before the request costs anything else. In every service that
 * has platform-common: one caller cannot take a service from the others.
 */
public class CallerRateLimitFilter {
    private final Instance<RateLimitsConfig> config;
    private final JsonWebToken token;
    /** Made at the first request: the filter itself is made while the server is set up, before runtime config. */
    private volatile CallerRateLimits limits;

    public CallerRateLimitFilter(Instance<RateLimitsConfig> config, JsonWebToken token) {
        this.config = config;
        this.token = token;
    }

    private CallerRateLimits limits() {
        CallerRateLimits made = limits;
        if (made == null) {
            synchronized (this) {
                if (limits == null) {
                    limits = new CallerRateLimits(config.get());
                }
                made = limits;
            }
        }
        return made;
    }

    @ServerRequestFilter
    public Optional<Response> limit(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/api/") || token == null || token.getRawToken() == null) {
            return Optional.empty();
        }
        TokenClaims claims = new TokenClaims(token::getClaim);
        return CallerRateLimits.Caller.of(
                        claims.uuid(TokenClaims.CLUSTER_ID),
                        claims.uuid(TokenClaims.PARTNER_ID),
                        claims.uuid(TokenClaims.TENANT_ID))
                .flatMap(caller -> limits().take(caller, System.nanoTime())
                        .map(wait -> RateLimited.answer(wait, caller.exceeded(config.get()), path)));
    }
}
