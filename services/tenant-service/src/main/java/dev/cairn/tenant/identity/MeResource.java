package dev.cairn.tenant.identity;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;
import java.util.TreeSet;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's own identity: what the platform knows of whoever holds the token. */
@Path("/api/v1/me")
@Tag(name = "Identity")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class MeResource {
    private final SecurityIdentity identity;
    private final JsonWebToken token;

    public MeResource(SecurityIdentity identity, JsonWebToken token) {
        this.identity = identity;
        this.token = token;
    }

    @GET
    @Operation(summary = "Who am I: subject, tenant, partner and roles from the validated token")
    public Caller me() {
        return new Caller(
                token.getSubject(),
                token.getClaim("preferred_username"),
                claim("tenant_id"),
                claim("partner_id"),
                new TreeSet<>(identity.getRoles()));
    }

    private Optional<String> claim(String name) {
        Object value = token.getClaim(name);
        return value == null ? Optional.empty() : Optional.of(value.toString()).filter(s -> !s.isBlank());
    }
}
