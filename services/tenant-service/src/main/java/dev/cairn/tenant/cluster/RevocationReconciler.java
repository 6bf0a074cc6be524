package dev.cairn.tenant.cluster;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;

/** Finishes revocations whose credential removal failed (Kafka or Keycloak briefly unreachable). */
@ApplicationScoped
public class RevocationReconciler {
    private final ClusterService clusters;

    public RevocationReconciler(ClusterService clusters) {
        this.clusters = clusters;
    }

    @Scheduled(every = "${cairn.agents.revocation-retry:60s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void retry() {
        for (UUID clusterId : pending()) {
            clusters.removeCredentials(clusterId);
        }
    }

    @Transactional
    List<UUID> pending() {
        return Cluster.revokedWithCredentials().stream().map(c -> c.id).toList();
    }
}
