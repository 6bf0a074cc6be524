package dev.cairn.scheduler.fire;

import dev.cairn.scheduler.policy.Policy;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/**
 * One fire of a policy (Quartz runs it on whichever instance takes the trigger, and again on another if that one
 * dies mid-fire): the run, then the policy's next fire.
 */
@ApplicationScoped
@DisallowConcurrentExecution
public class FirePolicyJob implements Job {
    private static final Logger LOG = Logger.getLogger(FirePolicyJob.class);

    private final Runs runs;
    private final QuartzTimers timers;

    public FirePolicyJob(Runs runs, QuartzTimers timers) {
        this.runs = runs;
        this.timers = timers;
    }

    @Override
    public void execute(JobExecutionContext context) {
        UUID policyId = UUID.fromString(context.getJobDetail().getKey().getName());
        Instant planned = Instant.parse(context.getMergedJobDataMap().getString(QuartzTimers.PLANNED));
        Instant due = context.getScheduledFireTime().toInstant();
        try {
            runs.fire(policyId, planned, due);
        } catch (RuntimeException e) {
            LOG.errorf(e, "fire of policy %s for %s failed", policyId, planned);
        } finally {
            QuarkusTransaction.requiringNew().run(() -> {
                Policy policy = Policy.findById(policyId);
                if (policy != null) {
                    timers.armAfter(policy, due.isAfter(Instant.now()) ? due : Instant.now());
                }
            });
        }
    }
}
