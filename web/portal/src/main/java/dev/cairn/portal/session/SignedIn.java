package dev.cairn.portal.session;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.IdToken;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The user of this request's session. Roles decide which buttons a page shows; the API decides what is allowed.
 */
@RequestScoped
public class SignedIn {
    /** A tenant's administrator: changes everything of the tenant. */
    public static final String TENANT_ADMIN = "tenant-admin";
    /** A tenant's viewer: reads everything of the tenant, changes nothing. */
    public static final String TENANT_VIEWER = "tenant-viewer";
    /** A partner's administrator: manages the partner's customer tenants. */
    public static final String PARTNER_ADMIN = "partner-admin";

    @Inject
    SecurityIdentity identity;

    @Inject
    AccessTokenCredential accessToken;

    @Inject
    @IdToken
    JsonWebToken idToken;

    /** The access token the API is called with. */
    public String token() {
        return accessToken.getToken();
    }

    /** The user's name as Keycloak knows it (their email, for users who signed up). */
    public String name() {
        String email = idToken.getClaim("email");
        return email != null ? email : identity.getPrincipal().getName();
    }

    /** Whether the user may change the tenant (the API checks again). */
    public boolean isAdmin() {
        return identity.hasRole(TENANT_ADMIN);
    }

    /** Whether the user belongs to a tenant (administrator or viewer). */
    public boolean isTenantUser() {
        return identity.hasRole(TENANT_ADMIN) || identity.hasRole(TENANT_VIEWER);
    }

    /** Whether the user administers a partner. */
    public boolean isPartner() {
        return identity.hasRole(PARTNER_ADMIN);
    }
}
