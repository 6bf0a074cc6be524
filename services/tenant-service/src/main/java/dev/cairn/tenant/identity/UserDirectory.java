package dev.cairn.tenant.identity;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The identity provider's users and API clients, as the tenant service manages them (Keycloak in production). */
public interface UserDirectory {

    /**
     * Creates a user whose email was confirmed, who signs in with {@code email} and the password behind {@code
     * password}, member of {@code tenantId} with the realm roles; fails with {@link DirectoryConflict} when the
     * email is taken.
     *
     * @return the user's id
     */
    String createTenantUser(String email, PasswordHash password, UUID tenantId, List<String> roles);

    /** The id of the user with this email, if any. */
    Optional<String> findUserByEmail(String email);

    /** Removes every user of the tenant (at hard deletion). Returns how many. */
    int deleteTenantUsers(UUID tenantId);

    /**
     * Creates a confidential API client for an agent, whose tokens carry the tenant and cluster as claims and the
     * role {@code agent}; returns its secret.
     */
    String createAgentClient(String clientId, UUID tenantId, UUID clusterId);

    /** Deletes an API client (an agent's or a partner's): it can get no new token. */
    void deleteClient(String clientId);

    /**
     * Invites a user into the tenant with one of the tenant roles: the user gets a one-time password and must set
     * their own at first sign-in.
     */
    Invitation inviteTenantUser(String email, UUID tenantId, String role);

    /**
     * Invites a person as a partner's administrator (role {@code partner-admin}, the partner as a claim): a one-time
     * password, their own at first sign-in; fails with {@link DirectoryConflict} when the email is taken.
     */
    Invitation invitePartnerUser(String email, UUID partnerId);

    /**
     * The users of a tenant from the {@code first} (0-based) in the directory's order (their user names), at most
     * {@code max}, with their roles, in one call to the directory.
     */
    List<DirectoryUser> listTenantUsers(UUID tenantId, int first, int max);

    /** The user if it belongs to the tenant: another tenant's user is indistinguishable from none. */
    Optional<DirectoryUser> findTenantUser(UUID tenantId, String userId);

    /** Makes {@code role} the user's only tenant role. */
    void setTenantRole(String userId, String role);

    /** Deletes a user. */
    void deleteUser(String userId);

    /**
     * Creates a confidential API client for a partner (client credentials grant), whose tokens carry the partner as
     * a claim and the role {@code partner-admin}; returns its secret.
     */
    String createPartnerClient(String clientId, UUID partnerId);

    /**
     * A new one-time password for a user who has not yet chosen their own (the earlier one stops working), for the
     * repeat of a request whose answer carried the first; empty once the user has signed in and chosen theirs.
     */
    Optional<String> renewOneTimePassword(String userId);

    /** The secret of a confidential client (a partner's), for the repeat of the request that made it. */
    String clientSecret(String clientId);

    /**
     * A user of a tenant.
     *
     * @param id the directory's user id
     * @param email the login
     * @param role {@code tenant-admin} or {@code tenant-viewer}
     * @param mustSetPassword true until an invited user has set a password
     */
    record DirectoryUser(String id, String email, String role, boolean mustSetPassword) {}

    /**
     * An invited user and the one-time password to hand them.
     *
     * @param user the user
     * @param oneTimePassword valid for the first sign-in only
     */
    record Invitation(DirectoryUser user, String oneTimePassword) {}

    /** The identity provider refused because the user or client exists. */
    class DirectoryConflict extends RuntimeException {
        public DirectoryConflict(String message) {
            super(message);
        }
    }
}
