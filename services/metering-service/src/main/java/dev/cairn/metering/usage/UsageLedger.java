package dev.cairn.metering.usage;

import dev.cairn.platform.kafka.ConsumerOffsets;
import dev.cairn.platform.usage.UsageEvent;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Usage events into the hourly aggregates, exactly once in effect: in one transaction, the events are inserted by id
 * (an id seen before is skipped), the new ones are added into their tenant's hours, clusters and total (a failed
 * backup becomes a notification for its partner instead), and the Kafka offsets that delivered them are recorded.
 * A crash before the commit leaves nothing; the records are read again.
 */
@ApplicationScoped
public class UsageLedger {
    /**
     * Adds the events not applied yet into their hours: only sums, so late events and any order give one result.
     * Answers the hours whose stored bytes moved (their peaks are computed again; their tenants' quota levels checked).
     * Every data-modifying part runs whether the final query reads it or not.
     */
    private static final String APPLY = """
            WITH fresh AS (
                UPDATE usage_event SET applied = true WHERE NOT applied
                RETURNING id, tenant_id, kind, bytes, cluster_id, backup_id, detail, occurred_at,
                    date_trunc('hour', occurred_at, 'UTC') AS hour
            ), hours AS (
                INSERT INTO usage_hour AS u (tenant_id, hour, stored_delta, stored_weighted, ingested_bytes,
                    protected_bytes, new_bytes, restored_bytes, replicated_bytes, backups, connected_delta)
                SELECT tenant_id, hour,
                    coalesce(sum(bytes) FILTER (WHERE kind = 'STORED'), 0),
                    coalesce(sum(bytes::numeric * (extract(epoch FROM hour + interval '1 hour' - occurred_at) * 1000000))
                        FILTER (WHERE kind = 'STORED'), 0),
                    coalesce(sum(bytes) FILTER (WHERE kind = 'INGESTED'), 0),
                    coalesce(sum(bytes) FILTER (WHERE kind = 'PROTECTED'), 0),
                    coalesce(sum(bytes) FILTER (WHERE kind = 'NEW'), 0),
                    coalesce(sum(bytes) FILTER (WHERE kind = 'RESTORED'), 0),
                    coalesce(sum(bytes) FILTER (WHERE kind = 'REPLICATED'), 0),
                    count(*) FILTER (WHERE kind = 'PROTECTED'),
                    coalesce(sum(bytes) FILTER (WHERE kind = 'CONNECTED'), 0)
                FROM fresh WHERE kind <> 'BACKUP_FAILED' GROUP BY tenant_id, hour
                ON CONFLICT (tenant_id, hour) DO UPDATE SET
                    stored_delta = u.stored_delta + EXCLUDED.stored_delta,
                    stored_weighted = u.stored_weighted + EXCLUDED.stored_weighted,
                    ingested_bytes = u.ingested_bytes + EXCLUDED.ingested_bytes,
                    protected_bytes = u.protected_bytes + EXCLUDED.protected_bytes,
                    new_bytes = u.new_bytes + EXCLUDED.new_bytes,
                    restored_bytes = u.restored_bytes + EXCLUDED.restored_bytes,
                    replicated_bytes = u.replicated_bytes + EXCLUDED.replicated_bytes,
                    backups = u.backups + EXCLUDED.backups,
                    connected_delta = u.connected_delta + EXCLUDED.connected_delta
            ), clusters AS (
                INSERT INTO usage_cluster_hour (tenant_id, hour, cluster_id)
                SELECT DISTINCT tenant_id, hour, cluster_id FROM fresh
                WHERE kind = 'PROTECTED' AND cluster_id IS NOT NULL
                ON CONFLICT DO NOTHING
            ), failures AS (
                INSERT INTO notification (id, tenant_id, type, at, data)
                SELECT id, tenant_id, 'backup.failed', occurred_at, json_build_object('tenantId', tenant_id,
                    'clusterId', cluster_id, 'backupId', backup_id, 'reason', detail)::text
                FROM fresh WHERE kind = 'BACKUP_FAILED'
                ON CONFLICT (id) DO NOTHING
            ), totals AS (
                INSERT INTO tenant_usage AS t (tenant_id, stored_bytes, connected_clusters)
                SELECT tenant_id, coalesce(sum(bytes) FILTER (WHERE kind = 'STORED'), 0),
                    coalesce(sum(bytes) FILTER (WHERE kind = 'CONNECTED'), 0)
                FROM fresh WHERE kind IN ('STORED', 'CONNECTED') GROUP BY tenant_id
                ON CONFLICT (tenant_id) DO UPDATE SET stored_bytes = t.stored_bytes + EXCLUDED.stored_bytes,
                    connected_clusters = t.connected_clusters + EXCLUDED.connected_clusters, updated_at = now()
            )
            SELECT DISTINCT tenant_id, hour FROM fresh WHERE kind = 'STORED'
            """;

    /** The highest the stored bytes rose within an hour above its start: from that hour's STORED events, in order. */
    private static final String PEAK = """
            UPDATE usage_hour h SET peak_offset = greatest(0, coalesce((
                SELECT max(run) FROM (
                    SELECT sum(e.bytes) OVER (ORDER BY e.occurred_at, e.id) AS run FROM usage_event e
                    WHERE e.tenant_id = h.tenant_id AND e.kind = 'STORED'
                    AND e.occurred_at >= h.hour AND e.occurred_at < h.hour + interval '1 hour') runs), 0))
            WHERE h.tenant_id = ? AND h.hour = ?
            """;

    private final AgroalDataSource db;

    public UsageLedger(AgroalDataSource db) {
        this.db = db;
    }

    /**
     * Counts the events (each id once) and records the offsets, all or nothing.
     *
     * @param beforeCommit runs inside the transaction, after everything is written (the crash tests park here)
     * @return the tenants whose stored bytes changed
     */
    public Set<UUID> apply(
            List<UsageEvent> events, String topic, Map<Integer, Long> nextOffsets, Runnable beforeCommit) {
        Set<UUID> touched = new TreeSet<>();
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                insert(c, events);
                Map<UUID, Set<Timestamp>> hours = new HashMap<>();
                try (PreparedStatement s = c.prepareStatement(APPLY);
                        ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        UUID tenant = rs.getObject(1, UUID.class);
                        touched.add(tenant);
                        hours.computeIfAbsent(tenant, t -> new TreeSet<>()).add(rs.getTimestamp(2));
                    }
                }
                try (PreparedStatement s = c.prepareStatement(PEAK)) {
                    for (Map.Entry<UUID, Set<Timestamp>> tenant : hours.entrySet()) {
                        for (Timestamp hour : tenant.getValue()) {
                            s.setObject(1, tenant.getKey());
                            s.setTimestamp(2, hour);
                            s.addBatch();
                        }
                    }
                    s.executeBatch();
                }
                ConsumerOffsets.write(c, topic, nextOffsets);
                beforeCommit.run();
                c.commit();
                return touched;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("metering database unavailable: " + e.getMessage(), e);
        }
    }

    private static void insert(Connection c, List<UsageEvent> events) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO usage_event (id, tenant_id, kind, bytes, region,"
                + " cluster_id, backup_id, occurred_at, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (id) DO NOTHING")) {
            for (UsageEvent e : events) {
                s.setObject(1, e.id());
                s.setObject(2, e.tenantId());
                s.setString(3, e.kind().name());
                s.setLong(4, e.bytes());
                s.setString(5, e.region());
                s.setObject(6, e.clusterId());
                s.setObject(7, e.backupId());
                s.setTimestamp(8, Timestamp.from(e.occurredAt()));
                s.setString(9, e.detail());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** The next offset to consume per partition of {@code topic}, as last committed. */
    public Map<Integer, Long> offsets(String topic) {
        try (Connection c = db.getConnection()) {
            return ConsumerOffsets.read(c, topic);
        } catch (SQLException e) {
            throw new IllegalStateException("metering database unavailable: " + e.getMessage(), e);
        }
    }
}
