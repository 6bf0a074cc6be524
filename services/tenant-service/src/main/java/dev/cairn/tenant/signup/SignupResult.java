package dev.cairn.tenant.signup;

import dev.cairn.tenant.tenant.TenantView;

/**
 * What a signup made.
 *
 * @param tenant the new tenant (on the Free plan)
 * @param created false when this was a retry of a signup that had already succeeded
 */
public record SignupResult(TenantView tenant, boolean created) {}
