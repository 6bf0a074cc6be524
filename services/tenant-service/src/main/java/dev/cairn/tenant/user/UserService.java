package dev.cairn.tenant.user;

import dev.cairn.platform.identity.Roles;
import dev.cairn.platform.page.Cursor;
import dev.cairn.platform.page.Page;
import dev.cairn.platform.problem.ProblemException;
import dev.cairn.tenant.identity.UserDirectory;
import dev.cairn.tenant.tenant.TenantService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** A tenant's users: invitations and roles. Every operation is scoped to the caller's tenant. */
@ApplicationScoped
public class UserService {
    private final UserDirectory directory;
    private final TenantService tenants;

    public UserService(UserDirectory directory, TenantService tenants) {
        this.directory = directory;
        this.tenants = tenants;
    }

    /** Keycloak's user ids: UUIDs. */
    private static final java.util.regex.Pattern USER_ID =
            java.util.regex.Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** A page of the tenant's users, in the order of their emails. */
    public Page<UserDirectory.DirectoryUser> list(UUID tenantId, String cursor, int limit) {
        int first = Cursor.offset(cursor);
        tenants.get(tenantId);
        List<UserDirectory.DirectoryUser> rows = directory.listTenantUsers(tenantId, first, limit + 1);
        return Page.of(rows, limit, u -> u, u -> Cursor.atOffset(first + limit));
    }

    public UserDirectory.Invitation invite(UUID tenantId, UserInvite invite) {
        TenantService.requireActive(tenants.get(tenantId));
        try {
            return directory.inviteTenantUser(invite.email().trim().toLowerCase(Locale.ROOT), tenantId, invite.role());
        } catch (UserDirectory.DirectoryConflict e) {
            throw ProblemException.conflict("a user with this email exists");
        }
    }

    /**
     * The answer to a repeated invitation (its {@code Idempotency-Key}): the user with a new one-time password while
     * they have not chosen their own (the first answer's stops working), else without one.
     */
    public UserDirectory.Invitation invitedAgain(UUID tenantId, String userId) {
        UserDirectory.DirectoryUser user = owned(tenantId, userId);
        return new UserDirectory.Invitation(
                user, directory.renewOneTimePassword(user.id()).orElse(null));
    }

    public UserDirectory.DirectoryUser changeRole(UUID tenantId, String callerId, String userId, RoleChange change) {
        UserDirectory.DirectoryUser user = owned(tenantId, userId);
        if (userId.equals(callerId) && !change.role().equals(Roles.TENANT_ADMIN)) {
            throw ProblemException.conflict("you cannot take your own administrator role; ask another administrator");
        }
        directory.setTenantRole(user.id(), change.role());
        return owned(tenantId, userId);
    }

    public void remove(UUID tenantId, String callerId, String userId) {
        UserDirectory.DirectoryUser user = owned(tenantId, userId);
        if (userId.equals(callerId)) {
            throw ProblemException.conflict("you cannot remove yourself; ask another administrator");
        }
        directory.deleteUser(user.id());
    }

    /** One of the tenant's users; 404 for anyone else's. */
    public UserDirectory.DirectoryUser get(UUID tenantId, String userId) {
        return owned(tenantId, userId);
    }

    /**
     * The tenant's user with this id, else 404; an id that is not a directory id (a UUID) is not looked up at all
     * (a NUL byte or a slash in it once reached Keycloak's admin API and answered 502).
     */
    private UserDirectory.DirectoryUser owned(UUID tenantId, String userId) {
        if (userId == null || !USER_ID.matcher(userId).matches()) {
            throw ProblemException.notFound("user " + (userId == null ? "" : userId.replaceAll("\\p{Cntrl}", "?")));
        }
        return directory
                .findTenantUser(tenantId, userId)
                .orElseThrow(() -> ProblemException.notFound("user " + userId));
    }
}
