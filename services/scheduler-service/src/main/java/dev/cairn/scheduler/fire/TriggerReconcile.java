package dev.cairn.scheduler.fire;

import dev.cairn.scheduler.policy.Policy;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Arms every active policy that has no trigger, at start and every {@code cairn.scheduler.reconcile-every}: a policy
 * written into the database by other means (a restored schema, a migration, the scale benchmark's seed) or whose
 * trigger was lost fires again without anyone touching it. One query finds them (an anti-join with Quartz's trigger
 * table); they are armed in batches, each in its own transaction.
 */
@ApplicationScoped
public class TriggerReconcile {
    private static final Logger LOG = Logger.getLogger(TriggerReconcile.class);
    private static final int BATCH = 500;

    private final QuartzTimers timers;

    public TriggerReconcile(QuartzTimers timers) {
        this.timers = timers;
    }

    /** At start, beside it: the clustered job below keeps the schedule of the first instance that ever started. */
    void onStart(@Observes StartupEvent start) {
        Thread.ofVirtual().name("reconcile-triggers").start(this::reconcile);
    }

    @Scheduled(
            identity = "reconcile-triggers",
            every = "${cairn.scheduler.reconcile-every:10m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    synchronized void reconcile() {
        long armed = 0;
        long started = System.nanoTime();
        while (true) {
            List<UUID> batch = QuarkusTransaction.requiringNew().call(TriggerReconcile::unarmed);
            if (batch.isEmpty()) {
                break;
            }
            QuarkusTransaction.requiringNew().run(() -> {
                for (UUID id : batch) {
                    Policy policy = Policy.findById(id);
                    if (policy != null) {
                        timers.arm(policy);
                    }
                }
            });
            armed += batch.size();
        }
        if (armed > 0) {
            LOG.infof(
                    "armed %d policies that had no trigger in %d ms", armed, (System.nanoTime() - started) / 1_000_000);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<UUID> unarmed() {
        return Policy.getEntityManager()
                .createNativeQuery(
                        "SELECT p.id FROM policy p WHERE p.phase = 'Active' AND NOT EXISTS (SELECT 1"
                                + " FROM qrtz_triggers t WHERE t.trigger_group = '" + QuartzTimers.GROUP + "'"
                                + " AND t.trigger_name = CAST(p.id AS VARCHAR)) LIMIT " + BATCH,
                        UUID.class)
                .getResultList();
    }
}
