package dev.cairn.tenant.identity;

import dev.cairn.platform.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The caller of the current request, from its validated token. The only place the tenant of a request comes from. */
@RequestScoped
public class CurrentCaller {
    private final SecurityIdentity identity;
    private final JsonWebToken token;

    public CurrentCaller(SecurityIdentity identity, JsonWebToken token) {
        this.identity = identity;
        this.token = token;
    }

    public Caller get() {
        return new Caller(
                token.getSubject(),
                token.getClaim("preferred_username"),
                claim("tenant_id"),
                claim("partner_id"),
                new TreeSet<>(identity.getRoles()));
    }

    /** The caller's tenant; 403 when the token names none (a partner or operator token on a tenant operation). */
    public UUID tenantId() {
        return claim("tenant_id")
                .map(CurrentCaller::uuid)
                .orElseThrow(() -> new ProblemException(
                        403, "no-tenant", "No tenant", "this operation needs a tenant user's token"));
    }

    /** The caller's partner; 403 when the token names none. */
    public UUID partnerId() {
        return claim("partner_id")
                .map(CurrentCaller::uuid)
                .orElseThrow(() -> new ProblemException(
                        403, "no-partner", "No partner", "this operation needs a partner's token"));
    }

    /** The agent's cluster; 403 when the token is not an agent's. */
    public UUID clusterId() {
        return claim("cluster_id")
                .flatMap(v -> {
                    try {
                        return Optional.of(UUID.fromString(v));
                    } catch (IllegalArgumentException e) {
                        return Optional.empty();
                    }
                })
                .orElseThrow(() ->
                        new ProblemException(403, "not-an-agent", "Not an agent", "this token is not an agent's"));
    }

    private Optional<String> claim(String name) {
        Object value = token.getClaim(name);
        return value == null ? Optional.empty() : Optional.of(value.toString()).filter(s -> !s.isBlank());
    }

    private static UUID uuid(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(
                    403, "bad-claim", "Bad token claim", "the token's tenant or partner claim is malformed");
        }
    }
}
