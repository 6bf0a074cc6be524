package dev.cairn.metering.identity;

import dev.cairn.platform.identity.TokenClaims;
import jakarta.enterprise.context.RequestScoped;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The caller of the current request, from its validated token: the only place the tenant of a request comes from. */
@RequestScoped
public class CurrentCaller {
    private final TokenClaims claims;

    private final JsonWebToken token;

    public CurrentCaller(JsonWebToken token) {
        this.token = token;
        this.claims = new TokenClaims(token::getClaim);
    }

    /** Who calls: the token's subject (for the records of what an operator asked). */
    public String subject() {
        return token.getSubject();
    }

    /** The caller's partner; 403 when the token names none. */
    public UUID partnerId() {
        return claims.partnerId();
    }

    /** The caller's tenant; 403 when the token names none. */
    public UUID tenantId() {
        return claims.tenantId();
    }
}
