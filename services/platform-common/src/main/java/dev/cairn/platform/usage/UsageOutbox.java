package dev.cairn.platform.usage;

import dev.cairn.data.record.TraceParent;
import dev.cairn.platform.trace.CurrentTrace;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The usage-event outbox ({@code usage_event}, in the schema of each service that counts something: ingest, the
 * tenant service): events are written in the transaction that changes what they count, with ids derived from what
 * they count, so that a replay writes nothing twice; the relay takes the rows not yet relayed, in order, and marks
 * them once the usage topic has them. The table's shape is in {@code docs/metering.md}.
 */
public class UsageOutbox {
    private final DataSource db;

    public UsageOutbox(DataSource db) {
        this.db = db;
    }

    /** The stable id of the event of {@code kind} about {@code subject} (a pack, a backup, a retired pack, a cluster). */
    public static UUID eventId(UsageKind kind, String subject) {
        return UUID.nameUUIDFromBytes((kind + ":" + subject).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes an event in the caller's transaction, at the database's time, in the current trace (an event about a
     * backup written outside any: in the backup's, unsampled); an id written before is not written again.
     */
    public static void write(
            Connection c,
            UUID id,
            UUID tenantId,
            UsageKind kind,
            long bytes,
            String region,
            UUID clusterId,
            UUID backupId)
            throws SQLException {
        write(c, id, tenantId, kind, bytes, region, clusterId, backupId, null);
    }

    /** Like {@link #write(Connection, UUID, UUID, UsageKind, long, String, UUID, UUID)}, with words about it. */
    public static void write(
            Connection c,
            UUID id,
            UUID tenantId,
            UsageKind kind,
            long bytes,
            String region,
            UUID clusterId,
            UUID backupId,
            String detail)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO usage_event (id, tenant_id, kind, bytes, region,"
                + " cluster_id, backup_id, detail, traceparent) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (id) DO NOTHING")) {
            s.setObject(1, id);
            s.setObject(2, tenantId);
            s.setString(3, kind.name());
            s.setLong(4, bytes);
            s.setString(5, region);
            s.setObject(6, clusterId);
            s.setObject(7, backupId);
            s.setString(8, detail);
            s.setString(9, CurrentTrace.traceparent().orElse(backupId == null ? null : TraceParent.ofBackup(backupId)));
            s.executeUpdate();
        }
    }

    /**
     * Hands up to {@code max} events not relayed yet, oldest first, to {@code send}, and marks them relayed when it
     * returns, all in one transaction: rows being relayed by another instance are skipped, and if {@code send} throws
     * nothing is marked (they go again: at least once).
     *
     * @return how many were relayed
     */
    public int relay(int max, Consumer<List<UsageEvent>> send) {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<UsageEvent> events = new ArrayList<>();
                try (PreparedStatement s = c.prepareStatement("SELECT id, tenant_id, kind, bytes, region, cluster_id,"
                        + " backup_id, occurred_at, detail, traceparent FROM usage_event WHERE relayed_at IS NULL ORDER BY seq LIMIT ?"
                        + " FOR UPDATE SKIP LOCKED")) {
                    s.setInt(1, max);
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            events.add(new UsageEvent(
                                    rs.getObject(1, UUID.class),
                                    rs.getObject(2, UUID.class),
                                    UsageKind.valueOf(rs.getString(3)),
                                    rs.getLong(4),
                                    rs.getString(5),
                                    rs.getObject(6, UUID.class),
                                    rs.getObject(7, UUID.class),
                                    rs.getTimestamp(8).toInstant(),
                                    rs.getString(9),
                                    rs.getString(10)));
                        }
                    }
                }
                if (!events.isEmpty()) {
                    send.accept(events);
                    try (PreparedStatement s =
                            c.prepareStatement("UPDATE usage_event SET relayed_at = now() WHERE id = ?")) {
                        for (UsageEvent e : events) {
                            s.setObject(1, e.id());
                            s.addBatch();
                        }
                        s.executeBatch();
                    }
                }
                c.commit();
                return events.size();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("usage outbox unavailable: " + e.getMessage(), e);
        }
    }

    /** Events written but not relayed yet, and the time of the oldest (null when none): the relay's lag. */
    public Backlog backlog() {
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT count(*), min(occurred_at) FROM usage_event WHERE relayed_at IS NULL");
                ResultSet rs = s.executeQuery()) {
            rs.next();
            Timestamp oldest = rs.getTimestamp(2);
            return new Backlog(rs.getLong(1), oldest == null ? null : oldest.toInstant());
        } catch (SQLException e) {
            throw new IllegalStateException("usage outbox unavailable: " + e.getMessage(), e);
        }
    }

    /** The relay's backlog. */
    public record Backlog(long events, java.time.Instant oldest) {}
}
