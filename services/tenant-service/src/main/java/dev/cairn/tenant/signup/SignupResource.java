package dev.cairn.tenant.signup;

import dev.cairn.tenant.tenant.TenantView;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
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
    @Operation(
            summary = "Sign up for a tenant on the Free plan (1 TB): a confirmation link is mailed to the address",
            description = "Answers 202 alike whether or not the address has an account (one that has gets a note to"
                    + " sign in instead). Nothing is made until the link is followed (POST"
                    + " /api/v1/signup/confirmations).")
    public Response signUp(@Valid @NotNull SignupRequest request) {
        return Response.accepted(signups.signUp(request)).build();
    }

    @POST
    @Path("confirmations")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Follow a signup's confirmation link: makes the tenant and its administrator",
            description = "201 with the new tenant; the same token again answers 200 with the same tenant.")
    public Response confirm(@Valid @NotNull SignupConfirmation confirmation) {
        SignupResult result = signups.confirm(confirmation.token());
        TenantView tenant = result.tenant();
        return Response.status(result.created() ? 201 : 200)
                .location(URI.create("/api/v1/tenant"))
                .entity(tenant)
                .build();
    }
}
