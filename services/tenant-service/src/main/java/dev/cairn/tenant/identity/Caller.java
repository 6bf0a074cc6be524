package dev.cairn.tenant.identity;

import java.util.Optional;
import java.util.Set;

/**
 * Who calls, as the validated token says: the tenant and partner come from the token's claims and from nowhere
 * else.
 *
 * @param subject the Keycloak user or service account id
 * @param username the preferred user name
 * @param tenantId the {@code tenant_id} claim, absent for partners and platform operators
 * @param partnerId the {@code partner_id} claim, absent for tenants that no partner manages
 * @param roles the realm roles
 */
public record Caller(
        String subject, String username, Optional<String> tenantId, Optional<String> partnerId, Set<String> roles) {}
