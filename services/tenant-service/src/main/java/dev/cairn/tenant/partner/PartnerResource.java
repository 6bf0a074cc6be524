package dev.cairn.tenant.partner;

import dev.cairn.platform.identity.Roles;
import dev.cairn.tenant.http.Answers;
import dev.cairn.tenant.idempotency.IdempotencyKeys;
import dev.cairn.tenant.identity.CurrentCaller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Partners, as the platform's operators manage them. */
@Path("/api/v1/partners")
@Tag(name = "Partners")
@Produces(MediaType.APPLICATION_JSON)
public class PartnerResource {
    private final PartnerService partners;
    private final CurrentCaller caller;
    private final IdempotencyKeys keys;

    public PartnerResource(PartnerService partners, CurrentCaller caller, IdempotencyKeys keys) {
        this.partners = partners;
        this.caller = caller;
        this.keys = keys;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(summary = "Add a partner: answers its API client credentials, once")
    public Response create(@Valid @NotNull NewPartner request, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        var made = keys.once(
                "operator:" + caller.get().subject(),
                "partner.create",
                idempotencyKey,
                request,
                () -> partners.create(request),
                p -> p.id().toString(),
                id -> partners.createdAgain(UUID.fromString(id), request));
        return Answers.made(201, made, "/api/v1/partners/" + made.result().id());
    }

    @GET
    @Path("/{partnerId}")
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(summary = "A partner: its name and API client id")
    public PartnerView get(@PathParam("partnerId") UUID partnerId) {
        return partners.get(partnerId);
    }
}
