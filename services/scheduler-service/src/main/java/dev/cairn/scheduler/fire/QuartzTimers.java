package dev.cairn.scheduler.fire;

import dev.cairn.scheduler.policy.Policy;
import dev.cairn.scheduler.policy.PolicyPhase;
import dev.cairn.scheduler.policy.PolicyService;
import dev.cairn.scheduler.policy.PolicyTimers;
import dev.cairn.scheduler.schedule.Timetable;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;

/**
 * A policy's next fire as a Quartz trigger in the clustered JDBC job store: one durable job per policy (recovered on
 * another instance if the one running it dies) and one one-shot trigger at the next fire (planned time plus the
 * policy's jitter), set again after each fire. Any instance may fire any trigger; Quartz's row locks fire each once.
 */
@ApplicationScoped
public class QuartzTimers implements PolicyTimers {
    static final String GROUP = "policies";
    /** The trigger's data: the planned time (ISO-8601) its fire is for. */
    static final String PLANNED = "planned";

    private final Scheduler quartz;

    public QuartzTimers(Scheduler quartz) {
        this.quartz = quartz;
    }

    @Override
    public void arm(Policy policy) {
        armAfter(policy, Instant.now());
    }

    @Override
    public void disarm(UUID policyId) {
        try {
            quartz.deleteJob(JobKey.jobKey(policyId.toString(), GROUP));
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot drop the schedule of policy " + policyId, e);
        }
    }

    /** Sets the policy's first fire strictly after {@code after} (or none while it is paused). */
    void armAfter(Policy policy, Instant after) {
        if (policy.phase != PolicyPhase.Active) {
            disarm(policy.id);
            return;
        }
        Timetable.Fire next = PolicyService.timetable(policy).next(after);
        JobKey job = JobKey.jobKey(policy.id.toString(), GROUP);
        TriggerKey key = TriggerKey.triggerKey(policy.id.toString(), GROUP);
        Trigger trigger = TriggerBuilder.newTrigger()
                .withIdentity(key)
                .forJob(job)
                .usingJobData(PLANNED, next.planned().toString())
                .startAt(Date.from(next.at()))
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                .build();
        try {
            if (!quartz.checkExists(job)) {
                JobDetail detail = JobBuilder.newJob(FirePolicyJob.class)
                        .withIdentity(job)
                        .storeDurably()
                        .requestRecovery()
                        .build();
                quartz.addJob(detail, false);
            }
            if (quartz.checkExists(key)) {
                quartz.rescheduleJob(key, trigger);
            } else {
                quartz.scheduleJob(trigger);
            }
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot schedule policy " + policy.id, e);
        }
    }
}
