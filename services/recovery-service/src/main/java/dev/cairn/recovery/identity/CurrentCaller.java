package dev.cairn.recovery.identity;

import dev.cairn.platform.identity.TokenClaims;
import jakarta.enterprise.context.RequestScoped;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The caller of the current request, from its validated token: the only place the tenant of a request comes from. */
@RequestScoped
public class CurrentCaller {
    private final JsonWebToken token;
    private final TokenClaims claims;

    public CurrentCaller(JsonWebToken token) {
        this.token = token;
        this.claims = new TokenClaims(token::getClaim);
    }

    /** The caller's tenant; 403 when the token names none. */
    public UUID tenantId() {
        return claims.tenantId();
    }

    /** Who calls: the token's preferred user name, else its subject. */
    public String name() {
        String name = token.getClaim("preferred_username");
        return name != null ? name : token.getSubject();
    }

    /** The caller's own token, to ask another service on its behalf (that service checks it again). */
    public String bearer() {
        return "Bearer " + token.getRawToken();
    }
}
