package dev.cairn.tenant.schedulerapi;

import dev.cairn.tenant.deletion.TenantData;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** The purged tenant's policies and runs, forgotten through the scheduler's internal API. */
@ApplicationScoped
public class SchedulerTenantData implements TenantData {
    private final SchedulerPoliciesClient scheduler;

    public SchedulerTenantData(@RestClient SchedulerPoliciesClient scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public String what() {
        return "scheduler policies";
    }

    @Override
    public void forget(UUID tenantId) {
        scheduler.forget(tenantId);
    }
}
