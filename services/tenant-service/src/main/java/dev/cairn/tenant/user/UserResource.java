package dev.cairn.tenant.user;

import dev.cairn.platform.identity.Roles;
import dev.cairn.platform.page.Page;
import dev.cairn.tenant.http.Answers;
import dev.cairn.tenant.idempotency.IdempotencyKeys;
import dev.cairn.tenant.identity.CurrentCaller;
import dev.cairn.tenant.identity.UserDirectory;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The users of the caller's tenant. */
@Path("/api/v1/tenant/users")
@Tag(name = "Users")
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {
    private final UserService users;
    private final CurrentCaller caller;
    private final IdempotencyKeys keys;

    public UserResource(UserService users, CurrentCaller caller, IdempotencyKeys keys) {
        this.keys = keys;
        this.users = users;
        this.caller = caller;
    }

    @GET
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(
            summary = "My tenant's users and their roles, by email, a page at a time (cursor from the previous"
                    + " page)")
    public Page<UserDirectory.DirectoryUser> list(
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit,
            @QueryParam("cursor") @Size(max = 200) String cursor) {
        return users.list(caller.tenantId(), cursor, limit);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(
            summary = "Invite a user: answers a one-time password to hand them (they set their own at first sign-in)")
    public Response invite(@Valid @NotNull UserInvite invite, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        UUID tenant = caller.tenantId();
        var made = keys.once(
                "tenant:" + tenant,
                "user.invite",
                idempotencyKey,
                invite,
                () -> users.invite(tenant, invite),
                i -> i.user().id(),
                id -> users.invitedAgain(tenant, id));
        return Answers.made(
                201, made, "/api/v1/tenant/users/" + made.result().user().id());
    }

    @GET
    @Path("/{userId}")
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(summary = "One of my tenant's users and their role")
    public UserDirectory.DirectoryUser get(@PathParam("userId") String userId) {
        return users.get(caller.tenantId(), userId);
    }

    @PUT
    @Path("/{userId}/role")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(summary = "Change a user's role")
    public UserDirectory.DirectoryUser changeRole(
            @PathParam("userId") String userId, @Valid @NotNull RoleChange change) {
        return users.changeRole(caller.tenantId(), caller.get().subject(), userId, change);
    }

    @DELETE
    @Path("/{userId}")
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(summary = "Remove a user from my tenant")
    public Response remove(@PathParam("userId") String userId) {
        users.remove(caller.tenantId(), caller.get().subject(), userId);
        return Response.noContent().build();
    }
}
