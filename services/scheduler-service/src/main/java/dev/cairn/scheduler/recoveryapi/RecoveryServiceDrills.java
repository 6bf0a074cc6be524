package dev.cairn.scheduler.recoveryapi;

import dev.cairn.scheduler.fire.Drills;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Policies' drills through the recovery service's internal API. */
@ApplicationScoped
public class RecoveryServiceDrills implements Drills {
    private final RecoveryDrillsClient recovery;

    public RecoveryServiceDrills(@RestClient RecoveryDrillsClient recovery) {
        this.recovery = recovery;
    }

    @Override
    public UUID request(
            UUID tenantId,
            UUID policyId,
            UUID runId,
            UUID backupId,
            UUID targetClusterId,
            List<String> includeNamespaces) {
        return recovery.request(new RecoveryDrillsClient.PolicyDrill(
                        tenantId, policyId, runId, backupId, targetClusterId, includeNamespaces))
                .id();
    }
}
