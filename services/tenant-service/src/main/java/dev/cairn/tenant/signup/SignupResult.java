package dev.cairn.tenant.signup;

import dev.cairn.tenant.tenant.TenantView;

/**
 * What following a signup's confirmation link made.
 *
 * @param tenant the new tenant (on the Free plan)
 * @param created false when the link had been followed before (its tenant is answered again)
 */
public record SignupResult(TenantView tenant, boolean created) {}
