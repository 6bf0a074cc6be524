package dev.cairn.tenant.identity;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Where clients sign in: the realm's endpoints and client ids, so that the CLI and the portal need only our URL. */
@Path("/api/v1/auth/config")
@Tag(name = "Identity")
@Produces(MediaType.APPLICATION_JSON)
public class AuthConfigResource {
    private final String realmUrl;

    public AuthConfigResource(
            @ConfigProperty(name = "cairn.keycloak.url", defaultValue = "http://127.0.0.1:8180") String keycloak) {
        this.realmUrl = keycloak + "/realms/cairn";
    }

    /**
     * The sign-in settings.
     *
     * @param issuer the realm's issuer URL
     * @param tokenUrl its token endpoint
     * @param deviceAuthorizationUrl its device authorization endpoint
     * @param cliClientId the public client of the CLI
     * @param portalClientId the public client of the portal
     */
    public record AuthConfig(
            String issuer, String tokenUrl, String deviceAuthorizationUrl, String cliClientId, String portalClientId) {}

    @GET
    @PermitAll
    @Operation(summary = "Where and how to sign in (public)")
    public AuthConfig config() {
        String oidc = realmUrl + "/protocol/openid-connect";
        return new AuthConfig(realmUrl, oidc + "/token", oidc + "/auth/device", "cairn-cli", "cairn-portal");
    }
}
