package dev.cairn.scheduler.expiry;

import dev.cairn.platform.problem.ProblemException;
import dev.cairn.scheduler.policy.Policy;
import dev.cairn.scheduler.policy.PolicyService;
import dev.cairn.scheduler.retention.Retention;
import dev.cairn.scheduler.run.PolicyRun;
import dev.cairn.scheduler.run.RunPhase;
import dev.cairn.scheduler.schedule.Timetable;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Applies a policy's retention to the backups its runs made: what the rules no longer keep is deleted (through the
 * ingest service), after each completed run and every hour (for the maximum age). The preview is the same decision,
 * without the deletion.
 */
@ApplicationScoped
public class Expiry {
    private static final Logger LOG = Logger.getLogger(Expiry.class);

    private final Backups backups;

    public Expiry(Backups backups) {
        this.backups = backups;
    }

    /**
     * One backup in a preview.
     *
     * @param backupId the backup
     * @param runId the run that made it
     * @param at when its run fired
     * @param keep whether the policy keeps it
     * @param reasons the rules that keep it, or why it goes
     */
    public record Decision(UUID backupId, UUID runId, Instant at, boolean keep, List<String> reasons) {}

    /** What the policy's retention keeps and expires now, and why (the tenant's policy; 404 otherwise). */
    public List<Decision> preview(UUID tenantId, UUID policyId) {
        return QuarkusTransaction.requiringNew()
                .call(() -> decide(Policy.findOwned(tenantId, policyId)
                        .orElseThrow(() -> ProblemException.notFound("policy " + policyId))));
    }

    /** Deletes what the policy's retention no longer keeps; answers how many backups it deleted. */
    public int apply(UUID policyId) {
        Policy policy = QuarkusTransaction.requiringNew().call(() -> Policy.<Policy>findById(policyId));
        if (policy == null) {
            return 0;
        }
        List<Decision> decisions = QuarkusTransaction.requiringNew().call(() -> decide(policy));
        int deleted = 0;
        for (Decision d : decisions) {
            if (d.keep()) {
                continue;
            }
            if (backups.delete(policy.tenantId, d.backupId())) {
                QuarkusTransaction.requiringNew().run(() -> {
                    PolicyRun run = PolicyRun.findById(d.runId());
                    run.expiredAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    run.expiredBecause = String.join("; ", d.reasons());
                });
                LOG.infof("policy %s: backup %s expired (%s)", policyId, d.backupId(), String.join("; ", d.reasons()));
                deleted++;
            }
        }
        return deleted;
    }

    /** Every hour: the maximum ages, and whatever an earlier round could not delete. */
    @Scheduled(
            identity = "apply-retention",
            every = "1h",
            delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void applyAll() {
        // ids only, of the policies that have backups: not every policy as an entity (100,000 of them fill a heap)
        List<UUID> policies = QuarkusTransaction.requiringNew().call(PolicyRun::policiesWithLiveBackups);
        for (UUID policy : policies) {
            try {
                apply(policy);
            } catch (RuntimeException e) {
                LOG.warnf("retention of policy %s: %s", policy, e.getMessage());
            }
        }
    }

    private static List<Decision> decide(Policy policy) {
        List<PolicyRun> runs = PolicyRun.withLiveBackups(policy.id);
        Map<UUID, UUID> runOfBackup = new HashMap<>();
        runs.forEach(r -> runOfBackup.put(r.backupId, r.id));
        List<Retention.Candidate> candidates = runs.stream()
                .map(r -> new Retention.Candidate(
                        r.backupId, r.firedAt, r.phase == RunPhase.Completed || r.phase == RunPhase.PartiallyFailed))
                .toList();
        List<Retention.Verdict> verdicts = Retention.decide(
                PolicyService.retention(policy), candidates, Timetable.zone(policy.timeZone), Instant.now());
        return verdicts.stream()
                .map(v -> new Decision(v.id(), runOfBackup.get(v.id()), v.at(), v.keep(), v.reasons()))
                .toList();
    }
}
