package dev.cairn.ingest.replication;

import dev.cairn.platform.usage.UsageKind;
import dev.cairn.platform.usage.UsageOutbox;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The replication queue's reading side. A task is taken with its row locked ({@code FOR UPDATE SKIP LOCKED}: several
 * instances share the queue) and only when no older task of the same object is pending, so that an object's copy
 * and its deletion happen in the order the catalog wrote them. Its outcome is recorded in the same transaction: a
 * copy's {@code object_copy} row and its REPLICATED usage event (id from the object and region, so that a copy done
 * twice counts once) with the task's deletion.
 */
@ApplicationScoped
public class ReplicationQueue {
    private static final String NEXT = """
            SELECT t.id, t.tenant_id, t.object_key, t.action, t.bytes, t.attempts, t.created_at,
                (SELECT coalesce(string_agg(o.region, ',' ORDER BY o.region), '') FROM object_copy o
                 WHERE o.object_key = t.object_key)
            FROM replication_task t
            WHERE t.not_before <= now()
            AND NOT EXISTS (SELECT 1 FROM replication_task e WHERE e.object_key = t.object_key AND e.id < t.id)
            ORDER BY t.id LIMIT 1 FOR UPDATE OF t SKIP LOCKED
            """;

    private final AgroalDataSource db;

    public ReplicationQueue(AgroalDataSource db) {
        this.db = db;
    }

    /**
     * Takes the next due task, hands it to {@code perform} and records the outcome, in one transaction.
     *
     * @return the outcome, or empty when no task is due
     */
    public Optional<Outcome> next(Function<Task, Outcome> perform) {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                Task task = null;
                try (PreparedStatement s = c.prepareStatement(NEXT);
                        ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        String copies = rs.getString(8);
                        task = new Task(
                                rs.getLong(1),
                                rs.getObject(2, UUID.class),
                                rs.getString(3),
                                Task.Action.valueOf(rs.getString(4)),
                                rs.getLong(5),
                                rs.getInt(6),
                                rs.getTimestamp(7).toInstant(),
                                copies.isEmpty() ? List.of() : List.of(copies.split(",")));
                    }
                }
                if (task == null) {
                    c.commit();
                    return Optional.empty();
                }
                Outcome outcome = perform.apply(task);
                record(c, task, outcome);
                c.commit();
                return Optional.of(outcome);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("catalog unavailable: " + e.getMessage(), e);
        }
    }

    private static void record(Connection c, Task task, Outcome outcome) throws SQLException {
        switch (outcome) {
            case Outcome.Retry r -> {
                try (PreparedStatement s = c.prepareStatement("UPDATE replication_task SET attempts = attempts + ?,"
                        + " not_before = now() + ?::interval, last_error = ? WHERE id = ?")) {
                    s.setInt(1, r.attempted() ? 1 : 0);
                    s.setString(2, r.delay().toMillis() + " milliseconds");
                    s.setString(3, r.error());
                    s.setLong(4, task.id());
                    s.executeUpdate();
                }
                return;
            }
            case Outcome.Copied copied -> {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO object_copy (object_key, region, tenant_id,"
                        + " size_bytes, md5) VALUES (?, ?, ?, ?, ?) ON CONFLICT (object_key, region) DO UPDATE"
                        + " SET size_bytes = EXCLUDED.size_bytes, md5 = EXCLUDED.md5, copied_at = now()")) {
                    s.setString(1, task.key());
                    s.setString(2, copied.region());
                    s.setObject(3, task.tenantId());
                    s.setLong(4, copied.size());
                    s.setString(5, copied.md5());
                    s.executeUpdate();
                }
                UsageOutbox.write(
                        c,
                        UsageOutbox.eventId(UsageKind.REPLICATED, task.key() + "@" + copied.region()),
                        task.tenantId(),
                        UsageKind.REPLICATED,
                        copied.size(),
                        copied.region(),
                        null,
                        null);
            }
            case Outcome.Deleted deleted -> {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM object_copy WHERE object_key = ?")) {
                    s.setString(1, task.key());
                    s.executeUpdate();
                }
            }
            case Outcome.Dropped dropped -> {
                // nothing to record but the task's end
            }
        }
        try (PreparedStatement s = c.prepareStatement("DELETE FROM replication_task WHERE id = ?")) {
            s.setLong(1, task.id());
            s.executeUpdate();
        }
    }

    /**
     * A tenant's replication lag.
     *
     * @param tenantId the tenant
     * @param objectsBehind objects not copied yet
     * @param bytesBehind their bytes
     * @param oldestPending when the oldest of them was committed (null when none)
     * @param lastCopied when an object was last copied (null when never)
     * @param lastError the last failure of a pending task (null when none)
     */
    public record Lag(
            UUID tenantId,
            long objectsBehind,
            long bytesBehind,
            Instant oldestPending,
            Instant lastCopied,
            String lastError) {
        /** Seconds since the oldest pending object was committed; 0 when nothing is pending. */
        public double seconds(Instant now) {
            return oldestPending == null
                    ? 0
                    : Math.max(0, Duration.between(oldestPending, now).toMillis() / 1000.0);
        }
    }

    /** The tenant's lag now. */
    public Lag lag(UUID tenantId) {
        List<Lag> lags = lags(tenantId);
        return lags.isEmpty() ? new Lag(tenantId, 0, 0, null, lastCopied(tenantId), null) : lags.getFirst();
    }

    /** The lag of every tenant with pending copies (for the metrics). */
    public List<Lag> lags() {
        return lags(null);
    }

    private List<Lag> lags(UUID tenantId) {
        List<Lag> lags = new ArrayList<>();
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT tenant_id, count(*), sum(bytes), min(created_at),"
                        + " (SELECT max(copied_at) FROM object_copy o WHERE o.tenant_id = t.tenant_id),"
                        + " (array_agg(last_error ORDER BY id DESC) FILTER (WHERE last_error IS NOT NULL))[1]"
                        + " FROM replication_task t WHERE action = 'COPY' AND (?::uuid IS NULL OR tenant_id = ?::uuid)"
                        + " GROUP BY tenant_id")) {
            s.setObject(1, tenantId);
            s.setObject(2, tenantId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    lags.add(new Lag(
                            rs.getObject(1, UUID.class),
                            rs.getLong(2),
                            rs.getLong(3),
                            rs.getTimestamp(4).toInstant(),
                            instant(rs.getTimestamp(5)),
                            rs.getString(6)));
                }
            }
            return lags;
        } catch (SQLException e) {
            throw new IllegalStateException("catalog unavailable: " + e.getMessage(), e);
        }
    }

    private Instant lastCopied(UUID tenantId) {
        try (Connection c = db.getConnection();
                PreparedStatement s =
                        c.prepareStatement("SELECT max(copied_at) FROM object_copy WHERE tenant_id = ?")) {
            s.setObject(1, tenantId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return instant(rs.getTimestamp(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("catalog unavailable: " + e.getMessage(), e);
        }
    }

    /**
     * Whether every object the tenant committed up to {@code until} has been copied (no COPY task of the tenant
     * written by then is pending): a backup completed at that time is protected in the DR region.
     */
    public boolean copiedUpTo(UUID tenantId, Instant until) {
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT NOT EXISTS (SELECT 1 FROM replication_task WHERE"
                        + " tenant_id = ? AND action = 'COPY' AND created_at <= ?)")) {
            s.setObject(1, tenantId);
            s.setTimestamp(2, Timestamp.from(until));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("catalog unavailable: " + e.getMessage(), e);
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
