package dev.cairn.scheduler.policy;

import dev.cairn.platform.page.Cursor;
import dev.cairn.scheduler.run.RunPhase;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A tenant's backup policy, as stored (schema {@code scheduler}, V2). */
@Entity
@Table(name = "policy")
public class Policy extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false)
    public UUID tenantId;

    @Column(name = "cluster_id", nullable = false)
    public UUID clusterId;

    @Column(nullable = false)
    public String name;

    /** What to back up: the command's BACKUP spec as JSON. */
    @Column(name = "backup_spec", nullable = false)
    public String backupSpec;

    @Column(name = "cron")
    public String cron;

    @Column(name = "time_zone")
    public String timeZone;

    @Column(name = "interval_seconds")
    public Long intervalSeconds;

    @Column(name = "jitter_seconds")
    public Long jitterSeconds;

    @Column(name = "keep_last")
    public Integer keepLast;

    @Column(name = "keep_hourly")
    public Integer keepHourly;

    @Column(name = "keep_daily")
    public Integer keepDaily;

    @Column(name = "keep_weekly")
    public Integer keepWeekly;

    @Column(name = "keep_monthly")
    public Integer keepMonthly;

    @Column(name = "keep_yearly")
    public Integer keepYearly;

    @Column(name = "max_age_seconds")
    public Long maxAgeSeconds;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public PolicyPhase phase;

    @Column(name = "consecutive_failures", nullable = false)
    public int consecutiveFailures;

    @Column(name = "last_run_id")
    public UUID lastRunId;

    @Enumerated(EnumType.STRING)
    @Column(name = "last_run_phase")
    public RunPhase lastRunPhase;

    @Column(name = "last_run_at")
    public Instant lastRunAt;

    /** The cluster its restore drills restore into; null: no drills. */
    @Column(name = "drill_cluster_id")
    public UUID drillClusterId;

    /** How often at most a run is followed by a drill. */
    @Column(name = "drill_every_seconds")
    public Long drillEverySeconds;

    /** How long each backup it makes is immutable (object lock); null: not immutable. */
    @Column(name = "immutable_seconds")
    public Long immutableSeconds;

    /** When the recovery service last took a drill of this policy. */
    @Column(name = "last_drill_at")
    public Instant lastDrillAt;

    /** The Idempotency-Key of the request that created it, if it had one. */
    @Column(name = "idempotency_key")
    public String idempotencyKey;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The policy if it belongs to the tenant: another tenant's is indistinguishable from none. */
    public static Optional<Policy> findOwned(UUID tenantId, UUID id) {
        return find("id = ?1 and tenantId = ?2", id, tenantId).firstResultOptional();
    }

    /** The tenant's policy created with that Idempotency-Key. */
    public static Optional<Policy> findByIdempotencyKey(UUID tenantId, String key) {
        return find("tenantId = ?1 and idempotencyKey = ?2", tenantId, key).firstResultOptional();
    }

    /** Whether the tenant has another policy of that name. */
    public static boolean nameTaken(UUID tenantId, String name, UUID except) {
        return count("tenantId = ?1 and name = ?2 and id <> ?3", tenantId, name, except) > 0;
    }

    /** Up to {@code limit} of the tenant's policies after the cursor, oldest first. */
    public static List<Policy> page(UUID tenantId, Cursor after, int limit) {
        Sort order = Sort.by("createdAt").and("id");
        var query = after == null
                ? find("tenantId = ?1", order, tenantId)
                : find(
                        "tenantId = ?1 and (createdAt > ?2 or (createdAt = ?2 and id > ?3))",
                        order,
                        tenantId,
                        after.at(),
                        after.id());
        return query.page(0, limit).list();
    }
}
