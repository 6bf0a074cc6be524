package dev.cairn.tenant.identity;

import dev.cairn.platform.identity.TokenClaims;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import java.util.TreeSet;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The caller of the current request, from its validated token. The only place the tenant of a request comes from. */
@RequestScoped
public class CurrentCaller {
    private final SecurityIdentity identity;
    private final JsonWebToken token;
    private final TokenClaims claims;

    public CurrentCaller(SecurityIdentity identity, JsonWebToken token) {
        this.identity = identity;
        this.token = token;
        this.claims = new TokenClaims(token::getClaim);
    }

    public Caller get() {
        return new Caller(
                token.getSubject(),
                token.getClaim("preferred_username"),
                claims.text(TokenClaims.TENANT_ID),
                claims.text(TokenClaims.PARTNER_ID),
                new TreeSet<>(identity.getRoles()));
    }

    /** The caller's tenant; 403 when the token names none (a partner or operator token on a tenant operation). */
    public UUID tenantId() {
        return claims.tenantId();
    }

    /** The caller's partner; 403 when the token names none. */
    public UUID partnerId() {
        return claims.partnerId();
    }

    /** The agent's cluster; 403 when the token is not an agent's. */
    public UUID clusterId() {
        return claims.clusterId();
    }
}
