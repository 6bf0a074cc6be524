package dev.cairn.recovery.tenantapi;

import dev.cairn.recovery.identity.CurrentCaller;
import dev.cairn.recovery.recovery.Clusters;
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
    public Optional<Target> own(UUID clusterId) {
        try {
            var c = tenantService.cluster(caller.bearer(), clusterId);
            return Optional.of(new Target(c.id(), c.phase(), c.agentVersion(), c.agentCapabilities()));
        } catch (TenantServiceClient.NotFound e) {
            return Optional.empty();
        }
    }
}
