package dev.cairn.tenant.deletion;

import dev.cairn.platform.tenant.TenantEvent;
import dev.cairn.tenant.cluster.Cluster;
import dev.cairn.tenant.cluster.ClusterService;
import dev.cairn.tenant.cluster.RegistrationToken;
import dev.cairn.tenant.fault.FaultPoints;
import dev.cairn.tenant.identity.UserDirectory;
import dev.cairn.tenant.keys.TenantKeyService;
import dev.cairn.tenant.tenant.Tenant;
import dev.cairn.tenant.tenant.TenantObjects;
import dev.cairn.tenant.tenant.TenantPhase;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Hard-deletes tenants whose grace period has ended: marks them {@code Purging} and announces it (the event on which
 * every other service forgets what it keeps of the tenant: ingest's catalog, the scheduler's policies, the recovery
 * service's recoveries, metering's notices; ADR 0030), revokes their agents, deletes their objects in every region and
 * their users, then in one transaction destroys their keys (crypto-shredding) and rows, keeping an anonymous
 * tombstone. Each step is idempotent: a failure leaves the tenant pending, and the next run takes it up again.
 */
@ApplicationScoped
public class TenantPurge {
    private static final Logger LOG = Logger.getLogger(TenantPurge.class);

    private final ClusterService clusters;
    private final TenantObjects objects;
    private final UserDirectory directory;
    private final TenantKeyService keys;

    private final TenantEventOutbox events;
    private final FaultPoints faults;

    public TenantPurge(
            ClusterService clusters,
            TenantObjects objects,
            UserDirectory directory,
            TenantKeyService keys,
            TenantEventOutbox events,
            FaultPoints faults) {
        this.events = events;
        this.faults = faults;
        this.clusters = clusters;
        this.objects = objects;
        this.directory = directory;
        this.keys = keys;
    }

    @Scheduled(every = "${cairn.tenants.purge-interval:60s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purgeDue() {
        List<Tenant> due = QuarkusTransaction.requiringNew().call(() -> Tenant.dueForDeletion(Instant.now()));
        for (Tenant tenant : due) {
            try {
                purge(tenant.id);
            } catch (RuntimeException e) {
                LOG.warnf(e, "tenant %s not purged yet; will retry", tenant.id);
            }
        }
    }

    /**
     * Destroys one tenant whose grace period has ended. It is first marked {@code Purging} (a conditional update: a
     * cancel that committed first wins, and one that comes after is refused), then each step runs; a purge that
     * failed half-way finds the tenant {@code Purging} and runs every step again.
     */
    public void purge(UUID tenantId) {
        faults.pass(FaultPoints.PURGE_BEFORE_MARK);
        Tenant tenant = QuarkusTransaction.requiringNew().call(() -> {
            Instant now = Instant.now();
            if (Tenant.beginPurge(tenantId, now)) {
                // every service that keeps tenant data forgets it on this event (ADR 0030): written with the mark,
                // so that it is announced once the purge is irreversible, and exactly then
                events.write(TenantEvent.deleted(tenantId, now));
            }
            return Tenant.<Tenant>findById(tenantId);
        });
        if (tenant == null || tenant.phase != TenantPhase.Purging) {
            return; // cancelled in time, or not due
        }
        faults.pass(FaultPoints.PURGE_MARKED);
        List<Cluster> owned = QuarkusTransaction.requiringNew().call(() -> Cluster.listOwned(tenantId));
        for (Cluster cluster : owned) {
            clusters.revoke(tenantId, cluster.id);
        }
        // a cluster's row stays until its Kafka user and Keycloak client are really gone: retried until they are
        List<UUID> withCredentials = QuarkusTransaction.requiringNew()
                .call(() -> Cluster.listOwned(tenantId).stream()
                        .filter(c -> c.credentialsRemovedAt == null)
                        .map(c -> c.id)
                        .toList());
        for (UUID cluster : withCredentials) {
            if (!clusters.removeCredentials(cluster)) {
                throw new IllegalStateException("the credentials of cluster " + cluster + " are not removed yet");
            }
        }
        List<String> regions = new ArrayList<>(List.of(tenant.homeRegion));
        if (tenant.drRegion != null) {
            regions.add(tenant.drRegion);
        }
        long deletedObjects = objects.deleteAll(tenantId, regions);
        int deletedUsers = directory.deleteTenantUsers(tenantId);
        long destroyedKeys = QuarkusTransaction.requiringNew().call(() -> {
            long destroyed = keys.destroyFor(tenantId);
            for (Cluster cluster : Cluster.listOwned(tenantId)) {
                RegistrationToken.delete("clusterId", cluster.id);
                cluster.delete();
            }
            Tenant t = Tenant.findById(tenantId);
            Instant now = Instant.now();
            t.phase = TenantPhase.Deleted;
            t.deletedAt = now;
            t.updatedAt = now;
            t.name = "(deleted)";
            t.adminEmail = "deleted+" + tenantId;
            t.signupFingerprint = "-";
            return destroyed;
        });
        LOG.infof(
                "tenant %s deleted: %d keys destroyed, %d objects and %d users removed",
                tenantId, destroyedKeys, deletedObjects, deletedUsers);
    }
}
