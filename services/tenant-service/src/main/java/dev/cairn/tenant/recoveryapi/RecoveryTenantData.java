package dev.cairn.tenant.recoveryapi;

import dev.cairn.tenant.deletion.TenantData;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** The purged tenant's recoveries and their reports, forgotten through the recovery service's internal API. */
@ApplicationScoped
public class RecoveryTenantData implements TenantData {
    private final RecoveryRecordsClient recovery;

    public RecoveryTenantData(@RestClient RecoveryRecordsClient recovery) {
        this.recovery = recovery;
    }

    @Override
    public String what() {
        return "recoveries";
    }

    @Override
    public void forget(UUID tenantId) {
        recovery.forget(tenantId);
    }
}
