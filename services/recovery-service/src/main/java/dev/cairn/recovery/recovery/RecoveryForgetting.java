package dev.cairn.recovery.recovery;

import dev.cairn.platform.tenant.TenantForgetting;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** A purged tenant's recoveries and their reports, forgotten when the tenant's purge is announced. Idempotent. */
@ApplicationScoped
public class RecoveryForgetting implements TenantForgetting {
    private final RecoveryStore store;

    public RecoveryForgetting(RecoveryStore store) {
        this.store = store;
    }

    @Override
    public String what() {
        return "recoveries";
    }

    @Override
    public long forget(UUID tenantId) {
        return store.forgetTenant(tenantId);
    }
}
