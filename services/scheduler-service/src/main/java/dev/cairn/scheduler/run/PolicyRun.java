package dev.cairn.scheduler.run;

import dev.cairn.platform.page.Cursor;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** One run of a policy: a fire of its schedule (or "run now"), its command and how it ended (schema V3). */
@Entity
@Table(name = "policy_run")
public class PolicyRun extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false)
    public UUID tenantId;

    @Column(name = "policy_id", nullable = false)
    public UUID policyId;

    /** The time the schedule planned (without jitter); for "run now", when it was asked. */
    @Column(name = "planned_at", nullable = false)
    public Instant plannedAt;

    /** When it was due: the planned time plus the policy's jitter (fire lag is measured from it). */
    @Column(name = "due_at")
    public Instant dueAt;

    @Column(name = "fired_at", nullable = false)
    public Instant firedAt;

    /** True for "run now", false for a fire of the schedule. */
    @Column(nullable = false)
    public boolean manual;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public RunPhase phase;

    /** Why it ended as it did (the agent's message, or why it was missed). */
    public String reason;

    @Column(name = "command_id")
    public UUID commandId;

    @Column(name = "backup_id")
    public UUID backupId;

    @Column(name = "finished_at")
    public Instant finishedAt;

    /** When its backup was deleted because the policy's retention no longer kept it. */
    @Column(name = "expired_at")
    public Instant expiredAt;

    /** Why retention let it go. */
    @Column(name = "expired_because")
    public String expiredBecause;

    /** The id of a policy's run for a planned time: the same on every scheduler instance and every retry. */
    public static UUID idOf(UUID policyId, Instant planned) {
        return UUID.nameUUIDFromBytes((policyId + "@" + planned).getBytes(StandardCharsets.UTF_8));
    }

    /** The policy's runs that have not ended, oldest first. */
    public static List<PolicyRun> unfinished(UUID policyId) {
        return list(
                "policyId = ?1 and phase in ?2",
                Sort.by("firedAt"),
                policyId,
                List.of(RunPhase.Queued, RunPhase.Running));
    }

    /** Every run that has not ended (the follower reads how their commands went). */
    public static List<PolicyRun> allUnfinished(int limit) {
        return find("phase in ?1", Sort.by("firedAt"), List.of(RunPhase.Queued, RunPhase.Running))
                .page(0, limit)
                .list();
    }

    /** The policies that have runs whose backups are still there: only their ids (what retention goes over). */
    public static List<UUID> policiesWithLiveBackups() {
        return getEntityManager()
                .createQuery(
                        "select distinct r.policyId from PolicyRun r where r.backupId is not null and r.expiredAt is null",
                        UUID.class)
                .getResultList();
    }

    /** The policy's finished runs whose backup is not deleted yet: what its retention decides about. */
    public static List<PolicyRun> withLiveBackups(UUID policyId) {
        return list("policyId = ?1 and backupId is not null and expiredAt is null", Sort.by("firedAt"), policyId);
    }

    /** A run of the tenant's policy. */
    public static Optional<PolicyRun> findOwned(UUID tenantId, UUID policyId, UUID id) {
        return find("id = ?1 and tenantId = ?2 and policyId = ?3", id, tenantId, policyId)
                .firstResultOptional();
    }

    /** Up to {@code limit} runs of the policy (those in {@code phase} when given), newest first, after the cursor. */
    public static List<PolicyRun> page(UUID policyId, RunPhase phase, Cursor after, int limit) {
        StringBuilder where = new StringBuilder("policyId = :policy");
        Parameters parameters = Parameters.with("policy", policyId);
        if (phase != null) {
            where.append(" and phase = :phase");
            parameters.and("phase", phase);
        }
        if (after != null) {
            where.append(" and (firedAt < :at or (firedAt = :at and id < :id))");
            parameters.and("at", after.at()).and("id", after.id());
        }
        var query = find(where.toString(), Sort.descending("firedAt", "id"), parameters);
        return query.page(0, limit).list();
    }
}
