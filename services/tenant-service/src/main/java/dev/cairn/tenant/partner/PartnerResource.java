package dev.cairn.tenant.partner;

import dev.cairn.platform.identity.Roles;
import jakarta.annotation.security.RolesAllowed;
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

/** Partners, as the platform's operators manage them. */
@Path("/api/v1/partners")
@Tag(name = "Partners")
@Produces(MediaType.APPLICATION_JSON)
public class PartnerResource {
    private final PartnerService partners;

    public PartnerResource(PartnerService partners) {
        this.partners = partners;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(summary = "Add a partner: answers its API client credentials, once")
    public Response create(@Valid @NotNull NewPartner request) {
        return Response.status(201).entity(partners.create(request)).build();
    }
}
