package dev.cairn.tenant.signup;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Self-service signup: public, since the caller has no account yet. */
@Path("/api/v1/signup")
@Tag(name = "Signup")
public class SignupResource {
    private final SignupService signups;

    public SignupResource(SignupService signups) {
        this.signups = signups;
    }

    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a tenant on the Free plan (1 TB) and its first administrator")
    public Response signUp(@Valid @NotNull SignupRequest request) {
        SignupResult result = signups.signUp(request);
        return Response.status(result.created() ? 201 : 200)
                .location(java.net.URI.create("/api/v1/tenant"))
                .entity(result.tenant())
                .build();
    }
}
