package dev.cairn.scheduler.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.api.agent.command.BackupSpec;
import dev.cairn.platform.page.Cursor;
import dev.cairn.platform.page.Page;
import dev.cairn.platform.problem.ProblemException;
import dev.cairn.scheduler.retention.RetentionRules;
import dev.cairn.scheduler.schedule.InvalidScheduleException;
import dev.cairn.scheduler.schedule.Schedule;
import dev.cairn.scheduler.schedule.Timetable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Backup policies: created, read, replaced, paused and resumed, deleted, by their tenant only. A policy's schedule
 * and cluster are checked before anything is stored: a bad one is a 400 naming the field.
 */
@ApplicationScoped
public class PolicyService {
    private final Clusters clusters;
    private final PolicyTimers timers;
    private final ObjectMapper json;
    private final ObjectLocks objectLocks;

    /** A policy just created, and whether an earlier request with the same Idempotency-Key had made it. */
    public record Created(PolicyView policy, boolean repeated) {}

    public PolicyService(Clusters clusters, PolicyTimers timers, ObjectMapper json, ObjectLocks objectLocks) {
        this.clusters = clusters;
        this.timers = timers;
        this.json = json;
        this.objectLocks = objectLocks;
    }

    @Transactional
    public Created create(UUID tenantId, NewPolicy request, String idempotencyKey) {
        if (idempotencyKey != null) {
            var earlier = Policy.findByIdempotencyKey(tenantId, idempotencyKey);
            if (earlier.isPresent()) {
                return new Created(view(earlier.get(), Instant.now()), true);
            }
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Policy p = new Policy();
        p.id = UUID.randomUUID();
        p.tenantId = tenantId;
        p.createdAt = now;
        p.idempotencyKey = idempotencyKey;
        p.consecutiveFailures = 0;
        apply(p, request, now);
        p.persist();
        timers.arm(p);
        return new Created(view(p, now), false);
    }

    public Page<PolicyView> list(UUID tenantId, String cursor, int limit) {
        List<Policy> page = Policy.page(tenantId, Cursor.decode(cursor), limit + 1);
        Instant now = Instant.now();
        List<PolicyView> items =
                page.stream().limit(limit).map(p -> view(p, now)).toList();
        String next =
                page.size() > limit ? new Cursor(page.get(limit - 1).createdAt, page.get(limit - 1).id).encode() : null;
        return new Page<>(items, next);
    }

    public PolicyView get(UUID tenantId, UUID id) {
        return view(owned(tenantId, id), Instant.now());
    }

    @Transactional
    public PolicyView replace(UUID tenantId, UUID id, NewPolicy request) {
        Policy p = owned(tenantId, id);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        apply(p, request, now);
        timers.arm(p);
        return view(p, now);
    }

    @Transactional
    public PolicyView pause(UUID tenantId, UUID id, boolean paused) {
        Policy p = owned(tenantId, id);
        p.phase = paused ? PolicyPhase.Paused : PolicyPhase.Active;
        p.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        timers.arm(p);
        return view(p, p.updatedAt);
    }

    @Transactional
    public void delete(UUID tenantId, UUID id) {
        owned(tenantId, id).delete();
        timers.disarm(id);
    }

    /**
     * Forgets every policy of a purged tenant, with its runs and timers (the tenant service's purge). Idempotent.
     *
     * @return how many policies there were
     */
    @Transactional
    public int forgetTenant(UUID tenantId) {
        List<Policy> all = Policy.list("tenantId", tenantId);
        for (Policy p : all) {
            p.delete();
            timers.disarm(p.id);
        }
        return all.size();
    }

    private static Policy owned(UUID tenantId, UUID id) {
        return Policy.findOwned(tenantId, id).orElseThrow(() -> ProblemException.notFound("policy " + id));
    }

    /** Checks the request and writes it into the policy. */
    private void apply(Policy p, NewPolicy request, Instant now) {
        Schedule schedule = request.schedule();
        try {
            Timetable.of(schedule, p.id, p.createdAt);
        } catch (InvalidScheduleException e) {
            throw ProblemException.invalidField("schedule." + e.field(), e.getMessage());
        }
        if (clusters.nameOfOwn(request.clusterId()).isEmpty()) {
            throw ProblemException.invalidField("clusterId", "no cluster of this tenant has that id");
        }
        if (Policy.nameTaken(p.tenantId, request.name(), p.id)) {
            throw ProblemException.conflict("a policy named " + request.name() + " exists");
        }
        if (request.drill() != null
                && clusters.nameOfOwn(request.drill().targetClusterId()).isEmpty()) {
            throw ProblemException.invalidField("drill.targetClusterId", "no cluster of this tenant has that id");
        }
        RetentionRules retention = request.retention() == null ? RetentionRules.KEEP_ALL : request.retention();
        if (retention.maxAge() != null && !retention.maxAge().isPositive()) {
            throw ProblemException.invalidField("retention.maxAge", "a maximum age is a positive duration");
        }
        if (request.immutability() != null) {
            immutable(p.tenantId, request.immutability(), retention);
        }
        BackupSpec backup =
                request.backup() == null ? new BackupSpec(null, null, null, null, null, null, false) : request.backup();
        p.name = request.name();
        p.clusterId = request.clusterId();
        p.backupSpec = write(backup);
        p.cron = schedule.cron();
        p.timeZone = schedule.cron() == null
                ? null
                : Timetable.zone(schedule.timeZone()).getId();
        p.intervalSeconds = seconds(schedule.interval());
        p.jitterSeconds = seconds(schedule.jitter());
        p.keepLast = retention.keepLast();
        p.keepHourly = retention.keepHourly();
        p.keepDaily = retention.keepDaily();
        p.keepWeekly = retention.keepWeekly();
        p.keepMonthly = retention.keepMonthly();
        p.keepYearly = retention.keepYearly();
        p.maxAgeSeconds = seconds(retention.maxAge());
        p.drillClusterId = request.drill() == null ? null : request.drill().targetClusterId();
        p.drillEverySeconds =
                request.drill() == null ? null : seconds(request.drill().every());
        p.immutableSeconds = request.immutability() == null
                ? null
                : seconds(request.immutability().period());
        p.phase = request.paused() ? PolicyPhase.Paused : PolicyPhase.Active;
        p.updatedAt = now;
    }

    /** The policy's timetable: its schedule from its creation, with its jitter. */
    public static Timetable timetable(Policy p) {
        return Timetable.of(schedule(p), p.id, p.createdAt);
    }

    /** The policy's BACKUP spec, as stored. */
    public BackupSpec backup(Policy p) {
        return read(p.backupSpec);
    }

    /** The policy's schedule, as stored. */
    static Schedule schedule(Policy p) {
        return new Schedule(p.cron, p.timeZone, duration(p.intervalSeconds), duration(p.jitterSeconds));
    }

    /** The policy's retention rules, as stored. */
    public static RetentionRules retention(Policy p) {
        return new RetentionRules(
                p.keepLast,
                p.keepHourly,
                p.keepDaily,
                p.keepWeekly,
                p.keepMonthly,
                p.keepYearly,
                duration(p.maxAgeSeconds));
    }

    PolicyView view(Policy p, Instant now) {
        Timetable timetable = timetable(p);
        return new PolicyView(
                p.id,
                p.name,
                p.clusterId,
                p.phase,
                read(p.backupSpec),
                schedule(p),
                retention(p),
                timetable.offset(),
                p.phase == PolicyPhase.Active ? timetable.next(now).at() : null,
                p.lastRunId == null ? null : new PolicyView.LastRun(p.lastRunId, p.lastRunPhase, p.lastRunAt),
                p.consecutiveFailures,
                drill(p),
                p.lastDrillAt,
                immutability(p),
                p.createdAt,
                p.updatedAt);
    }

    /** The policy's immutability; null when its backups are not immutable. */
    public static Immutability immutability(Policy p) {
        return p.immutableSeconds == null ? null : new Immutability(duration(p.immutableSeconds));
    }

    /**
     * Checks that the policy's backups can be immutable: a retention that never outlives them (an age shorter than
     * the period would be a promise the lock breaks), and object lock in the tenant's home region.
     */
    private void immutable(UUID tenantId, Immutability immutability, RetentionRules retention) {
        if (immutability.refusal() != null) {
            throw ProblemException.invalidField("immutability.period", immutability.refusal());
        }
        if (retention.maxAge() != null && retention.maxAge().compareTo(immutability.period()) < 0) {
            throw ProblemException.invalidField(
                    "retention.maxAge",
                    "shorter than immutability.period (" + immutability.period()
                            + "): immutable backups cannot be deleted at that age");
        }
        java.util.Optional<String> unavailable;
        try {
            unavailable = objectLocks.unavailable(tenantId);
        } catch (ObjectLocks.Refused e) {
            unavailable = java.util.Optional.of(e.getMessage());
        } catch (RuntimeException e) {
            throw new ProblemException(
                    503,
                    "immutability-unknown",
                    "Immutability cannot be checked now",
                    "whether this tenant's backups can be made immutable could not be read: " + e.getMessage());
        }
        unavailable.ifPresent(reason -> {
            throw new ProblemException(
                    409,
                    "object-lock-unavailable",
                    "Immutable backups are unavailable",
                    "this tenant's backups cannot be made immutable: " + reason);
        });
    }

    /** The policy's restore drills; null when it has none. */
    public static DrillSettings drill(Policy p) {
        return p.drillClusterId == null ? null : new DrillSettings(p.drillClusterId, duration(p.drillEverySeconds));
    }

    private String write(BackupSpec spec) {
        try {
            return json.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private BackupSpec read(String spec) {
        try {
            return json.readValue(spec, BackupSpec.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable stored spec: " + e.getMessage(), e);
        }
    }

    private static Long seconds(Duration d) {
        return d == null ? null : d.toSeconds();
    }

    private static Duration duration(Long seconds) {
        return seconds == null ? null : Duration.ofSeconds(seconds);
    }
}
