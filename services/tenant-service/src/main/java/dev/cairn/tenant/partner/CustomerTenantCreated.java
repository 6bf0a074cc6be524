package dev.cairn.tenant.partner;

import dev.cairn.tenant.tenant.TenantView;

/**
 * A customer tenant and its administrator's one-time password, shown once.
 *
 * @param tenant the tenant
 * @param adminEmail its administrator
 * @param adminOneTimePassword for the administrator's first sign-in, where they choose their own
 */
public record CustomerTenantCreated(TenantView tenant, String adminEmail, String adminOneTimePassword) {}
