package dev.cairn.tenant.identity;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The identity provider's users and API clients, as the tenant service manages them (Keycloak in production). */
public interface UserDirectory {

    /**
     * Creates a user who signs in with {@code email} and {@code password}, member of {@code tenantId} with the
     * realm roles; fails with {@link DirectoryConflict} when the email is taken.
     *
     * @return the user's id
     */
    String createTenantUser(String email, String password, UUID tenantId, List<String> roles);

    /** The id of the user with this email, if any. */
    Optional<String> findUserByEmail(String email);

    /** True when {@code password} is the user's current password. */
    boolean passwordMatches(String email, String password);

    /** Removes every user of the tenant (at hard deletion). Returns how many. */
    int deleteTenantUsers(UUID tenantId);

    /**
     * Creates a confidential API client for an agent, whose tokens carry the tenant and cluster as claims and the
     * role {@code agent}; returns its secret.
     */
    String createAgentClient(String clientId, UUID tenantId, UUID clusterId);

    /** Deletes an agent's API client: it can get no new token. */
    void deleteAgentClient(String clientId);

    /** The identity provider refused because the user or client exists. */
    class DirectoryConflict extends RuntimeException {
        public DirectoryConflict(String message) {
            super(message);
        }
    }
}
