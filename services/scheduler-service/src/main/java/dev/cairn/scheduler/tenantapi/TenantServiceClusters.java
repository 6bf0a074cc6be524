package dev.cairn.scheduler.tenantapi;

import dev.cairn.scheduler.identity.CurrentCaller;
import dev.cairn.scheduler.policy.Clusters;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** The caller's clusters, as the tenant service answers the caller itself. */
@ApplicationScoped
public class TenantServiceClusters implements Clusters {
    private final TenantServiceClient tenantService;
    private final CurrentCaller caller;

    public TenantServiceClusters(@RestClient TenantServiceClient tenantService, CurrentCaller caller) {
        this.tenantService = tenantService;
        this.caller = caller;
    }

    @Override
    public Optional<String> nameOfOwn(UUID clusterId) {
        try {
            return Optional.of(tenantService.cluster(caller.bearer(), clusterId).name());
        } catch (TenantServiceClient.NotFoundException e) {
            return Optional.empty();
        }
    }
}
