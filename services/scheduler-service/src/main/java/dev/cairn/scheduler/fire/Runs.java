package dev.cairn.scheduler.fire;

import dev.cairn.api.agent.command.CommandPhase;
import dev.cairn.platform.page.Cursor;
import dev.cairn.platform.page.Page;
import dev.cairn.platform.problem.ProblemException;
import dev.cairn.scheduler.expiry.Expiry;
import dev.cairn.scheduler.policy.ObjectLocks;
import dev.cairn.scheduler.policy.Policy;
import dev.cairn.scheduler.policy.PolicyPhase;
import dev.cairn.scheduler.policy.PolicyService;
import dev.cairn.scheduler.run.PolicyRun;
import dev.cairn.scheduler.run.RunPhase;
import dev.cairn.scheduler.run.RunView;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Runs of policies: a fire queues the policy's BACKUP command (once, however often it is retried: the run's id comes
 * from the policy and the planned time, and the tenant service queues one command per run), and the follower brings
 * runs up to date from their commands. A run ends Completed, PartiallyFailed, Failed or Missed, with its reason.
 */
// made at start: its fire metrics are exported (as 0) before the first fire, for the dashboard and the alerts
@io.quarkus.runtime.Startup
@ApplicationScoped
public class Runs {
    private static final Logger LOG = Logger.getLogger(Runs.class);

    private final Commands commands;
    private final PolicyService policies;
    private final Expiry expiry;
    private final FireConfig config;
    private final FirePoints faults;
    private final Drills drills;
    private final ObjectLocks objectLocks;
    private final Timer fireLag;
    private final Counter firesTaken;
    private final Counter firesMissed;

    public Runs(
            Commands commands,
            PolicyService policies,
            Expiry expiry,
            FireConfig config,
            FirePoints faults,
            Drills drills,
            ObjectLocks objectLocks,
            MeterRegistry metrics) {
        this.objectLocks = objectLocks;
        this.fireLag = Timer.builder("cairn.schedule.fire.lag")
                .description("How long after its due time a policy's fire ran (clustered Quartz, failovers)")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofHours(1))
                .register(metrics);
        this.firesTaken = fires(metrics, "queued");
        this.firesMissed = fires(metrics, "missed");
        this.faults = faults;
        this.drills = drills;
        this.commands = commands;
        this.policies = policies;
        this.expiry = expiry;
        this.config = config;
    }

    /**
     * A fire of the policy's schedule for {@code planned}, due at {@code due}. Answers the run, or null when the
     * policy is gone or paused.
     */
    public RunView fire(UUID policyId, Instant planned, Instant due) {
        Instant now = Instant.now();
        UUID runId = PolicyRun.idOf(policyId, planned);
        Policy policy = QuarkusTransaction.requiringNew().call(() -> Policy.<Policy>findById(policyId));
        if (policy == null || policy.phase != PolicyPhase.Active) {
            return null;
        }
        PolicyRun earlier = QuarkusTransaction.requiringNew().call(() -> PolicyRun.<PolicyRun>findById(runId));
        if (earlier != null && (earlier.commandId != null || earlier.phase.isFinal())) {
            return RunView.of(earlier); // a retried fire: it already happened
        }
        Duration lag = Duration.between(due, now);
        fireLag.record(lag.isNegative() ? Duration.ZERO : lag);
        RunView fired = fired(policy, runId, planned, due, now);
        (fired.phase() == RunPhase.Missed ? firesMissed : firesTaken).increment();
        return fired;
    }

    /** A fire that is due: missed when the scheduler fires it too late or the policy's last run is still going. */
    private RunView fired(Policy policy, UUID runId, Instant planned, Instant due, Instant now) {
        if (Duration.between(due, now).compareTo(config.missedAfter()) > 0) {
            return record(
                    policy,
                    runId,
                    planned,
                    due,
                    false,
                    RunPhase.Missed,
                    "the scheduler was not running at " + due + " (it fired "
                            + Duration.between(due, now).truncatedTo(ChronoUnit.SECONDS) + " late)");
        }
        String busy = settlePrevious(policy);
        if (busy != null) {
            return record(policy, runId, planned, due, false, RunPhase.Missed, busy);
        }
        return queue(policy, runId, planned, due, false);
    }

    private static Counter fires(MeterRegistry metrics, String outcome) {
        return Counter.builder("cairn.schedule.fires")
                .description("Policies' scheduled fires, by outcome: queued (a command for the agent) or missed (too"
                        + " late, or the previous run still going)")
                .tag("outcome", outcome)
                .register(metrics);
    }

    /** "Run now": a run outside the schedule (also for a paused policy). */
    public RunView runNow(UUID tenantId, UUID policyId) {
        Policy policy = QuarkusTransaction.requiringNew()
                .call(() -> Policy.findOwned(tenantId, policyId)
                        .orElseThrow(() -> ProblemException.notFound("policy " + policyId)));
        String busy = settlePrevious(policy);
        if (busy != null) {
            throw ProblemException.conflict(busy);
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return queue(policy, UUID.randomUUID(), now, now, true);
    }

    /** One of the policy's runs; 404 for another tenant's. */
    public RunView get(UUID tenantId, UUID policyId, UUID runId) {
        return QuarkusTransaction.requiringNew()
                .call(() -> PolicyRun.findOwned(tenantId, policyId, runId).map(RunView::of))
                .orElseThrow(() -> ProblemException.notFound("run " + runId));
    }

    /** The policy's runs, newest first, a page at a time. */
    public Page<RunView> list(UUID tenantId, UUID policyId, RunPhase phase, String cursor, int limit) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Policy.findOwned(tenantId, policyId).orElseThrow(() -> ProblemException.notFound("policy " + policyId));
            List<PolicyRun> page = PolicyRun.page(policyId, phase, Cursor.decode(cursor), limit + 1);
            List<RunView> items = page.stream().limit(limit).map(RunView::of).toList();
            String next = page.size() > limit
                    ? new Cursor(page.get(limit - 1).firedAt, page.get(limit - 1).id).encode()
                    : null;
            return new Page<>(items, next);
        });
    }

    /** Brings unfinished runs up to date from their commands. */
    public void follow() {
        List<PolicyRun> unfinished =
                QuarkusTransaction.requiringNew().call(() -> PolicyRun.allUnfinished(config.followBatch()));
        for (PolicyRun run : unfinished) {
            if (run.commandId == null) {
                continue; // being queued right now
            }
            try {
                Commands.Command command = commands.get(run.commandId);
                update(run.id, command);
            } catch (RuntimeException e) {
                LOG.warnf("cannot read command %s of run %s: %s", run.commandId, run.id, e.getMessage());
            }
        }
    }

    /**
     * Ends the policy's earlier runs that its agent never took (Missed: offline), so that a new run can start; answers
     * why a new run cannot start (an earlier one is still going), or null.
     */
    private String settlePrevious(Policy policy) {
        List<PolicyRun> unfinished = QuarkusTransaction.requiringNew().call(() -> PolicyRun.unfinished(policy.id));
        for (PolicyRun previous : unfinished) {
            if (previous.commandId == null) {
                continue;
            }
            Commands.Command command = commands.get(previous.commandId);
            if (command.phase() == CommandPhase.Queued || command.phase() == CommandPhase.Delivered) {
                Commands.Command cancelled = commands.cancel(previous.commandId);
                if (cancelled.phase() == CommandPhase.Cancelled) {
                    finish(
                            previous.id,
                            RunPhase.Missed,
                            "the cluster's agent did not take it before the next run" + " (is it connected?)",
                            null);
                    continue;
                }
                command = cancelled;
            }
            if (!command.phase().isFinal()) {
                return "the previous run (" + previous.id + ") is still going";
            }
            update(previous.id, command);
        }
        return null;
    }

    private RunView queue(Policy policy, UUID runId, Instant planned, Instant due, boolean manual) {
        QuarkusTransaction.requiringNew().run(() -> {
            if (PolicyRun.findById(runId) == null) {
                PolicyRun run = newRun(policy, runId, planned, due, manual);
                run.persist();
                Policy p = Policy.findById(policy.id);
                if (p != null) {
                    p.lastRunId = run.id;
                    p.lastRunPhase = run.phase;
                    p.lastRunAt = run.firedAt;
                }
            }
        });
        Commands.Command command;
        try {
            command = commands.queue(policy.tenantId, policy.clusterId, policy.id, runId, policies.backup(policy));
        } catch (RuntimeException e) {
            LOG.warnf("run %s of policy %s: cannot queue its command: %s", runId, policy.id, e.getMessage());
            return finish(runId, RunPhase.Failed, "its command could not be queued: " + e.getMessage(), null);
        }
        LOG.infof("run %s of policy %s queued command %s", runId, policy.id, command.id());
        faults.pass(FirePoints.Point.AFTER_QUEUE);
        return QuarkusTransaction.requiringNew().call(() -> {
            PolicyRun run = PolicyRun.findById(runId);
            run.commandId = command.id();
            return RunView.of(run);
        });
    }

    private RunView record(
            Policy policy, UUID runId, Instant planned, Instant due, boolean manual, RunPhase phase, String reason) {
        LOG.infof("run %s of policy %s: %s (%s)", runId, policy.id, phase, reason);
        QuarkusTransaction.requiringNew().run(() -> {
            if (PolicyRun.findById(runId) == null) {
                newRun(policy, runId, planned, due, manual).persist();
            }
        });
        return finish(runId, phase, reason, null);
    }

    /** A Queued run, fired now. */
    private static PolicyRun newRun(Policy policy, UUID runId, Instant planned, Instant due, boolean manual) {
        PolicyRun run = new PolicyRun();
        run.id = runId;
        run.tenantId = policy.tenantId;
        run.policyId = policy.id;
        run.plannedAt = planned;
        run.dueAt = due.truncatedTo(ChronoUnit.MICROS);
        run.firedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        run.manual = manual;
        run.phase = RunPhase.Queued;
        return run;
    }

    /** A run's phase from its command's. */
    private void update(UUID runId, Commands.Command command) {
        switch (command.phase()) {
            case Queued, Delivered -> {}
            case Running ->
                QuarkusTransaction.requiringNew().run(() -> {
                    PolicyRun run = PolicyRun.findById(runId);
                    if (run.phase == RunPhase.Queued) {
                        run.phase = RunPhase.Running;
                        lastRun(run);
                    }
                });
            case Completed, PartiallyFailed -> {
                Hold hold = hold(runId, command.backupId());
                if (!hold.decided()) {
                    return; // the ingest service did not answer: the next round holds it, then ends the run
                }
                RunPhase phase = command.phase() == CommandPhase.Completed && hold.refusal() == null
                        ? RunPhase.Completed
                        : RunPhase.PartiallyFailed;
                String message = hold.refusal() == null
                        ? command.message()
                        : (command.message() == null || command.message().isBlank()
                                ? hold.refusal()
                                : command.message() + "; " + hold.refusal());
                drill(runId, command.backupId());
                expire(finish(runId, phase, message, command.backupId()));
            }
            case Failed -> finish(runId, RunPhase.Failed, command.message(), command.backupId());
            case Cancelled -> finish(runId, RunPhase.Failed, "cancelled: " + command.message(), null);
        }
    }

    /**
     * What holding a run's backup immutable came to.
     *
     * @param decided false when the ingest service did not answer (the run stays open and is asked about again)
     * @param refusal why the backup could not be held (the run ends PartiallyFailed with it); null when it was held,
     *     or the policy's backups are not immutable
     */
    private record Hold(boolean decided, String refusal) {}

    /**
     * Before a run that made a backup is recorded as ended: holds the backup immutable for the policy's period when
     * the policy says so (ADR 0033), so that a run seen ended has its backup held. Asked again after a crash, the lock
     * only ever grows.
     */
    private Hold hold(UUID runId, UUID backupId) {
        PolicyRun run = QuarkusTransaction.requiringNew().call(() -> PolicyRun.<PolicyRun>findById(runId));
        if (run == null || run.phase.isFinal() || backupId == null) {
            return new Hold(true, null);
        }
        Policy p = QuarkusTransaction.requiringNew().call(() -> Policy.<Policy>findById(run.policyId));
        if (p == null || p.immutableSeconds == null) {
            return new Hold(true, null);
        }
        try {
            Instant until = objectLocks.lock(p.tenantId, backupId, Instant.now().plusSeconds(p.immutableSeconds));
            LOG.infof("run %s of policy %s: backup %s immutable until %s", runId, p.id, backupId, until);
            return new Hold(true, null);
        } catch (ObjectLocks.Refused e) {
            LOG.warnf("run %s of policy %s: backup %s not made immutable: %s", runId, p.id, backupId, e.getMessage());
            return new Hold(true, "backup " + backupId + " was not made immutable: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.warnf(
                    "run %s of policy %s: backup %s not held yet (%s); the next round asks again",
                    runId, p.id, backupId, e.getMessage());
            return new Hold(false, null);
        }
    }

    /**
     * Before a run that made a backup is recorded as ended: asks for the policy's restore drill of that backup when the
     * policy has drills and the last one is at least its interval old (so that a run seen ended has had its drill
     * decided). A drill the recovery service did not take is asked for after the next run; one asked for twice (a
     * crash before the run was recorded) is the same drill (one per run).
     */
    private void drill(UUID runId, UUID backupId) {
        PolicyRun run = QuarkusTransaction.requiringNew().call(() -> PolicyRun.<PolicyRun>findById(runId));
        if (run == null || run.phase.isFinal() || backupId == null) {
            return;
        }
        Policy p = QuarkusTransaction.requiringNew().call(() -> Policy.<Policy>findById(run.policyId));
        if (p == null || p.drillClusterId == null) {
            return;
        }
        Instant now = Instant.now();
        if (p.lastDrillAt != null
                && p.lastDrillAt.plusSeconds(p.drillEverySeconds).isAfter(now)) {
            return;
        }
        try {
            UUID recovery = drills.request(
                    p.tenantId,
                    p.id,
                    runId,
                    backupId,
                    p.drillClusterId,
                    policies.backup(p).includeNamespaces());
            QuarkusTransaction.requiringNew().run(() -> {
                Policy fresh = Policy.findById(p.id);
                if (fresh != null) {
                    fresh.lastDrillAt = now.truncatedTo(ChronoUnit.MICROS);
                }
            });
            LOG.infof("run %s of policy %s: drill %s into cluster %s", runId, p.id, recovery, p.drillClusterId);
        } catch (RuntimeException e) {
            LOG.warnf(
                    "run %s of policy %s: its drill was not taken (%s); the next run asks again",
                    runId, p.id, e.getMessage());
        }
    }

    /** After a run made a backup: what the policy's retention no longer keeps goes. */
    private void expire(RunView run) {
        try {
            expiry.apply(run.policyId());
        } catch (RuntimeException e) {
            LOG.warnf(
                    "retention of policy %s after run %s: %s (the hourly round tries again)",
                    run.policyId(), run.id(), e.getMessage());
        }
    }

    /** Ends a run (once) and counts it on its policy. */
    private RunView finish(UUID runId, RunPhase phase, String reason, UUID backupId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            PolicyRun run = PolicyRun.findById(runId);
            if (!run.phase.isFinal()) {
                run.phase = phase;
                run.reason = reason;
                run.backupId = backupId;
                run.finishedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                Policy p = Policy.findById(run.policyId);
                if (p != null) {
                    p.consecutiveFailures = phase.isFailure() ? p.consecutiveFailures + 1 : 0;
                }
                lastRun(run);
            }
            return RunView.of(run);
        });
    }

    private static void lastRun(PolicyRun run) {
        Policy p = Policy.findById(run.policyId);
        if (p != null && (p.lastRunAt == null || !run.firedAt.isBefore(p.lastRunAt))) {
            p.lastRunId = run.id;
            p.lastRunPhase = run.phase;
            p.lastRunAt = run.firedAt;
        }
    }
}
