package dev.cairn.platform.identity;

import dev.cairn.platform.problem.ProblemException;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The platform's claims of a validated token, read one way everywhere: absent or blank is absent; present but not a
 * UUID is a 403 {@code bad-claim} (the token was issued wrong, which the caller cannot fix by retrying). The tenant
 * and cluster of a request come only from here, never from its path or body.
 */
public final class TokenClaims {
    /** The tenant of a tenant's user or agent. */
    public static final String TENANT_ID = "tenant_id";
    /** The cluster of an agent. */
    public static final String CLUSTER_ID = "cluster_id";
    /** The partner of a partner's administrator. */
    public static final String PARTNER_ID = "partner_id";

    private final Function<String, Object> claims;

    /** @param claims a token's claim by name (e.g. {@code JsonWebToken::getClaim}) */
    public TokenClaims(Function<String, Object> claims) {
        this.claims = claims;
    }

    /** The tenant; 403 {@code no-tenant} when the token names none. */
    public UUID tenantId() {
        return uuid(TENANT_ID)
                .orElseThrow(() -> new ProblemException(
                        403, "no-tenant", "No tenant", "this operation needs a token of a tenant's user or agent"));
    }

    /** The partner; 403 {@code no-partner} when the token names none. */
    public UUID partnerId() {
        return uuid(PARTNER_ID)
                .orElseThrow(() -> new ProblemException(
                        403, "no-partner", "No partner", "this operation needs a partner's token"));
    }

    /** The agent's cluster; 403 {@code not-an-agent} when the token is not an agent's. */
    public UUID clusterId() {
        return uuid(CLUSTER_ID)
                .orElseThrow(() -> new ProblemException(
                        403, "not-an-agent", "Not an agent", "this operation needs an agent's token"));
    }

    /** A claim as text, absent when missing or blank. */
    public Optional<String> text(String name) {
        Object value = claims.apply(name);
        return value == null ? Optional.empty() : Optional.of(value.toString()).filter(s -> !s.isBlank());
    }

    /** A claim as a UUID, absent when missing; 403 {@code bad-claim} when present and malformed. */
    public Optional<UUID> uuid(String name) {
        return text(name).map(value -> {
            try {
                return UUID.fromString(value);
            } catch (IllegalArgumentException e) {
                throw new ProblemException(
                        403, "bad-claim", "Bad token claim", "the token's " + name + " claim is not an id");
            }
        });
    }
}
