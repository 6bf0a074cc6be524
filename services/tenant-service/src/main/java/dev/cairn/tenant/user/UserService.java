package dev.cairn.tenant.user;

import dev.cairn.platform.identity.Roles;
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

    public List<UserDirectory.DirectoryUser> list(UUID tenantId) {
        tenants.get(tenantId);
        return directory.listTenantUsers(tenantId);
    }

    public UserDirectory.Invitation invite(UUID tenantId, UserInvite invite) {
        TenantService.requireActive(tenants.get(tenantId));
        try {
            return directory.inviteTenantUser(invite.email().trim().toLowerCase(Locale.ROOT), tenantId, invite.role());
        } catch (UserDirectory.DirectoryConflict e) {
            throw ProblemException.conflict("a user with this email exists");
        }
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

    private UserDirectory.DirectoryUser owned(UUID tenantId, String userId) {
        return directory
                .findTenantUser(tenantId, userId)
                .orElseThrow(() -> ProblemException.notFound("user " + userId));
    }
}
