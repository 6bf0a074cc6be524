package dev.cairn.scheduler.policy;

import dev.cairn.platform.tenant.TenantForgetting;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** A purged tenant's policies, their triggers and runs, forgotten when the tenant's purge is announced. Idempotent. */
@ApplicationScoped
public class PolicyForgetting implements TenantForgetting {
    private final PolicyService policies;

    public PolicyForgetting(PolicyService policies) {
        this.policies = policies;
    }

    @Override
    public String what() {
        return "policies";
    }

    @Override
    public long forget(UUID tenantId) {
        return policies.forgetTenant(tenantId);
    }
}
