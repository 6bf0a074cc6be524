package dev.cairn.tenant.keycloak;

import dev.cairn.platform.identity.Roles;
import dev.cairn.platform.identity.TokenClaims;
import dev.cairn.tenant.identity.PasswordHash;
import dev.cairn.tenant.identity.UserDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/** The user directory in Keycloak's realm {@code cairn}, through the admin REST API as a service account. */
@ApplicationScoped
public class KeycloakDirectory implements UserDirectory {
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(KeycloakDirectory.class);

    private static final String REALM = "cairn";

    private final Keycloak keycloak;

    public KeycloakDirectory(Keycloak keycloak) {
        this.keycloak = keycloak;
    }

    private RealmResource realm() {
        return keycloak.realm(REALM);
    }

    @Override
    public String createTenantUser(String email, PasswordHash password, UUID tenantId, List<String> roles) {
        String role = roles.stream().filter(TENANT_ROLES::contains).findFirst().orElse(null);
        String id = createUser(email, TokenClaims.TENANT_ID, tenantId, role, hashed(password), true);
        grantRealmRoles(id, roles);
        return id;
    }

    /**
     * A user whose tokens carry {@code owner} as the claim {@code ownerClaim} (their tenant or partner), with a
     * password (a temporary one must be replaced at first sign-in); {@code tenantRole} (or null) is mirrored in the
     * attribute {@link #TENANT_ROLE}. Returns its id.
     */
    private String createUser(
            String email,
            String ownerClaim,
            UUID owner,
            String tenantRole,
            CredentialRepresentation credential,
            boolean emailVerified) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(email);
        user.setEmail(email);
        user.setEnabled(true);
        user.setEmailVerified(emailVerified);
        if (Boolean.TRUE.equals(credential.isTemporary())) {
            user.setRequiredActions(List.of("UPDATE_PASSWORD"));
        }
        user.setAttributes(new HashMap<>(Map.of(ownerClaim, List.of(owner.toString()))));
        if (tenantRole != null) {
            user.getAttributes().put(TENANT_ROLE, List.of(tenantRole));
        }
        user.setCredentials(List.of(credential));
        try (Response response = realm().users().create(user)) {
            if (response.getStatus() == 409) {
                throw new DirectoryConflict("user " + email + " exists");
            }
            if (response.getStatus() == 400) {
                throw new IllegalArgumentException("Keycloak refused the user: " + response.readEntity(String.class));
            }
            return CreatedResponseUtil.getCreatedId(response);
        }
    }

    private void grantRealmRoles(String userId, List<String> roles) {
        List<RoleRepresentation> representations = roles.stream()
                .map(role -> realm().roles().get(role).toRepresentation())
                .toList();
        realm().users().get(userId).roles().realmLevel().add(representations);
    }

    @Override
    public Optional<String> findUserByEmail(String email) {
        return realm().users().searchByEmail(email, true).stream().findFirst().map(UserRepresentation::getId);
    }

    @Override
    public int deleteTenantUsers(UUID tenantId) {
        List<UserRepresentation> users =
                realm().users().searchByAttributes(0, 10_000, null, false, "tenant_id:" + tenantId);
        // (the search may match more loosely than the exact attribute: each user is checked below)
        int deleted = 0;
        for (UserRepresentation user : users) {
            // the search matches on prefixes in some versions: check the attribute exactly
            List<String> values = user.getAttributes() == null
                    ? List.of()
                    : user.getAttributes().get(TokenClaims.TENANT_ID);
            if (values != null && values.contains(tenantId.toString())) {
                try (Response response = realm().users().delete(user.getId())) {
                    if (response.getStatus() / 100 == 2) {
                        deleted++;
                    }
                }
            }
        }
        return deleted;
    }

    @Override
    public String createAgentClient(String clientId, UUID tenantId, UUID clusterId) {
        return createServiceClient(
                clientId,
                "Cairn agent of cluster " + clusterId,
                List.of(
                        hardcodedClaim(TokenClaims.TENANT_ID, tenantId.toString()),
                        hardcodedClaim(TokenClaims.CLUSTER_ID, clusterId.toString()),
                        audience()),
                "agent");
    }

    /**
     * Creates a confidential client for the client credentials grant, with 5-minute tokens, the mappers, and the
     * realm role on its service account; returns the secret.
     */
    private String createServiceClient(
            String clientId, String name, List<ProtocolMapperRepresentation> mappers, String role) {
        String secret = UUID.randomUUID() + "-" + UUID.randomUUID();
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(clientId);
        client.setName(name);
        client.setEnabled(true);
        client.setPublicClient(false);
        client.setSecret(secret);
        client.setServiceAccountsEnabled(true);
        client.setStandardFlowEnabled(false);
        client.setDirectAccessGrantsEnabled(false);
        client.setImplicitFlowEnabled(false);
        client.setAttributes(new HashMap<>(Map.of("access.token.lifespan", "300")));
        client.setProtocolMappers(mappers);
        String id;
        try (Response response = realm().clients().create(client)) {
            if (response.getStatus() == 409) {
                throw new DirectoryConflict("client " + clientId + " exists");
            }
            id = CreatedResponseUtil.getCreatedId(response);
        }
        grantRealmRoles(realm().clients().get(id).getServiceAccountUser().getId(), List.of(role));
        return secret;
    }

    @Override
    public void deleteClient(String clientId) {
        for (ClientRepresentation client : realm().clients().findByClientId(clientId)) {
            realm().clients().get(client.getId()).remove();
        }
    }

    private static final List<String> TENANT_ROLES = List.of(Roles.TENANT_ADMIN, Roles.TENANT_VIEWER);

    /**
     * The user attribute that mirrors a tenant user's role (its realm role mapping stays what tokens carry), so that
     * the user list reads every role in its one search; only administrators see or change it (the realm's user
     * profile). Written wherever the role is granted or changed here.
     */
    static final String TENANT_ROLE = "tenant_role";

    @Override
    public Optional<String> renewOneTimePassword(String userId) {
        UserRepresentation user = realm().users().get(userId).toRepresentation();
        if (user.getRequiredActions() == null || !user.getRequiredActions().contains("UPDATE_PASSWORD")) {
            return Optional.empty();
        }
        String oneTimePassword = oneTimePassword();
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType(CredentialRepresentation.PASSWORD);
        credential.setValue(oneTimePassword);
        credential.setTemporary(true);
        realm().users().get(userId).resetPassword(credential);
        return Optional.of(oneTimePassword);
    }

    @Override
    public String clientSecret(String clientId) {
        ClientRepresentation client = realm().clients().findByClientId(clientId).stream()
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no client " + clientId));
        return realm().clients().get(client.getId()).getSecret().getValue();
    }

    /** A one-time password, to be replaced at the first sign-in. */
    private static CredentialRepresentation temporary(String password) {
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType(CredentialRepresentation.PASSWORD);
        credential.setValue(password);
        credential.setTemporary(true);
        return credential;
    }

    /**
     * A password the caller hashed, in Keycloak's stored form: Keycloak checks it with the stored algorithm and
     * iterations and re-hashes it with the realm's policy at the first sign-in.
     */
    static CredentialRepresentation hashed(PasswordHash password) {
        java.util.Base64.Encoder base64 = java.util.Base64.getEncoder();
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType(CredentialRepresentation.PASSWORD);
        credential.setTemporary(false);
        credential.setSecretData("{\"value\":\"" + base64.encodeToString(password.value()) + "\",\"salt\":\""
                + base64.encodeToString(password.salt()) + "\",\"additionalParameters\":{}}");
        credential.setCredentialData("{\"hashIterations\":" + password.iterations() + ",\"algorithm\":\""
                + PasswordHash.ALGORITHM + "\",\"additionalParameters\":{}}");
        return credential;
    }

    private static String oneTimePassword() {
        return "Cairn-" + UUID.randomUUID();
    }

    @Override
    public Invitation inviteTenantUser(String email, UUID tenantId, String role) {
        String oneTimePassword = oneTimePassword();
        String id = createUser(email, TokenClaims.TENANT_ID, tenantId, role, temporary(oneTimePassword), false);
        grantRealmRoles(id, List.of(role));
        return new Invitation(new DirectoryUser(id, email, role, true), oneTimePassword);
    }

    @Override
    public Invitation invitePartnerUser(String email, UUID partnerId) {
        String oneTimePassword = oneTimePassword();
        String id = createUser(email, TokenClaims.PARTNER_ID, partnerId, null, temporary(oneTimePassword), false);
        grantRealmRoles(id, List.of(Roles.PARTNER_ADMIN));
        return new Invitation(new DirectoryUser(id, email, Roles.PARTNER_ADMIN, true), oneTimePassword);
    }

    @Override
    public List<DirectoryUser> listTenantUsers(UUID tenantId, int first, int max) {
        // one search, with attributes (not brief): the role is read from the mirror, not asked per user
        return realm().users().searchByAttributes(first, max, null, false, "tenant_id:" + tenantId).stream()
                .filter(u -> belongsTo(u, tenantId))
                .map(this::toUser)
                .toList();
    }

    @Override
    public Optional<DirectoryUser> findTenantUser(UUID tenantId, String userId) {
        try {
            UserRepresentation user = realm().users().get(userId).toRepresentation();
            return belongsTo(user, tenantId) ? Optional.of(toUser(user)) : Optional.empty();
        } catch (jakarta.ws.rs.WebApplicationException e) {
            if (e.getResponse() != null && e.getResponse().getStatus() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public void setTenantRole(String userId, String role) {
        var roles = realm().users().get(userId).roles().realmLevel();
        List<RoleRepresentation> current = roles.listAll().stream()
                .filter(r -> TENANT_ROLES.contains(r.getName()))
                .toList();
        if (!current.isEmpty()) {
            roles.remove(current);
        }
        grantRealmRoles(userId, List.of(role));
        mirrorTenantRole(userId, role);
    }

    /** Writes the user's tenant role into its {@link #TENANT_ROLE} attribute (what the user list reads). */
    private void mirrorTenantRole(String userId, String role) {
        var user = realm().users().get(userId);
        UserRepresentation representation = user.toRepresentation();
        Map<String, List<String>> attributes = representation.getAttributes() == null
                ? new HashMap<>()
                : new HashMap<>(representation.getAttributes());
        attributes.put(TENANT_ROLE, List.of(role));
        representation.setAttributes(attributes);
        user.update(representation);
    }

    @Override
    public void deleteUser(String userId) {
        try (Response ignored = realm().users().delete(userId)) {
            // 204, or 404 when already gone
        }
    }

    @Override
    public String createPartnerClient(String clientId, UUID partnerId) {
        return createServiceClient(
                clientId,
                "Cairn partner " + partnerId,
                List.of(hardcodedClaim(TokenClaims.PARTNER_ID, partnerId.toString()), audience()),
                Roles.PARTNER_ADMIN);
    }

    private static boolean belongsTo(UserRepresentation user, UUID tenantId) {
        List<String> values =
                user.getAttributes() == null ? null : user.getAttributes().get(TokenClaims.TENANT_ID);
        return values != null && values.contains(tenantId.toString());
    }

    /**
     * The user as the API shows it. Its role is the mirror in {@link #TENANT_ROLE}; a user made before the mirror
     * existed (or on a realm whose user profile lacks it) has its role mappings read once, and the mirror written.
     */
    private DirectoryUser toUser(UserRepresentation user) {
        String role = Optional.ofNullable(user.getAttributes())
                .map(a -> a.get(TENANT_ROLE))
                .filter(v -> v.size() == 1 && TENANT_ROLES.contains(v.getFirst()))
                .map(List::getFirst)
                .orElse(null);
        if (role == null) {
            role = realm().users().get(user.getId()).roles().realmLevel().listEffective().stream()
                    .map(RoleRepresentation::getName)
                    .filter(TENANT_ROLES::contains)
                    .findFirst()
                    .orElse("none");
            if (!role.equals("none")) {
                try {
                    mirrorTenantRole(user.getId(), role);
                } catch (RuntimeException e) {
                    // a realm whose user profile lacks the attribute: the list stays right, only slower
                    LOG.warnf("role of user %s not mirrored: %s", user.getId(), e.getMessage());
                }
            }
        }
        boolean mustSetPassword =
                user.getRequiredActions() != null && user.getRequiredActions().contains("UPDATE_PASSWORD");
        return new DirectoryUser(user.getId(), user.getEmail(), role, mustSetPassword);
    }

    private static ProtocolMapperRepresentation hardcodedClaim(String claim, String value) {
        ProtocolMapperRepresentation mapper = new ProtocolMapperRepresentation();
        mapper.setName(claim);
        mapper.setProtocol("openid-connect");
        mapper.setProtocolMapper("oidc-hardcoded-claim-mapper");
        mapper.setConfig(Map.of(
                "claim.name", claim,
                "claim.value", value,
                "jsonType.label", "String",
                "access.token.claim", "true",
                "id.token.claim", "false",
                "introspection.token.claim", "true"));
        return mapper;
    }

    private static ProtocolMapperRepresentation audience() {
        ProtocolMapperRepresentation mapper = new ProtocolMapperRepresentation();
        mapper.setName("cairn-api-audience");
        mapper.setProtocol("openid-connect");
        mapper.setProtocolMapper("oidc-audience-mapper");
        mapper.setConfig(Map.of(
                "included.custom.audience", "cairn-api",
                "access.token.claim", "true",
                "introspection.token.claim", "true"));
        return mapper;
    }
}
