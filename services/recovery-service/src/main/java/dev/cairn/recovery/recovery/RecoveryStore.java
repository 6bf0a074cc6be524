package dev.cairn.recovery.recovery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.platform.page.Cursor;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/** The recoveries and their transitions in the service's schema. */
@ApplicationScoped
public class RecoveryStore {
    private static final String COLUMNS = "id, tenant_id, requested_by, backup_id, selector, target_cluster_id, spec,"
            + " phase, reason, phase_since, region, regions, command_id, progress, report, verification,"
            + " cancel_requested, attempts, last_error, created_at, finished_at, drill";
    private static final Duration MAX_WAIT = Duration.ofMinutes(1);

    private final AgroalDataSource db;
    private final ObjectMapper json;

    public RecoveryStore(AgroalDataSource db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    /** A new recovery as the request resolved it. */
    public record NewRow(
            UUID tenantId,
            String requestedBy,
            String idempotencyKey,
            JsonNode request,
            UUID backupId,
            String selector,
            UUID targetClusterId,
            JsonNode spec,
            boolean drill,
            String reason) {}

    /** The recovery a request made, or the earlier one its Idempotency-Key names ({@code created} false). */
    public record Created(Recovery recovery, boolean created) {}

    /**
     * Records a Planned recovery with its first transition; an Idempotency-Key the tenant used before answers that
     * recovery, and 422 when the request differs.
     */
    public Created create(NewRow row) {
        return transaction(c -> {
            if (row.idempotencyKey() != null) {
                Optional<Recovery> earlier = byKey(c, row.tenantId(), row.idempotencyKey());
                if (earlier.isPresent()) {
                    return new Created(earlier.get(), false);
                }
            }
            UUID id = UUID.randomUUID();
            try (PreparedStatement s = c.prepareStatement("INSERT INTO recovery (id, tenant_id, requested_by,"
                    + " idempotency_key, request, backup_id, selector, target_cluster_id, spec, phase, reason, drill)"
                    + " VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?::jsonb, 'Planned', ?, ?)"
                    + " ON CONFLICT (tenant_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING")) {
                s.setObject(1, id);
                s.setObject(2, row.tenantId());
                s.setString(3, row.requestedBy());
                s.setString(4, row.idempotencyKey());
                s.setString(5, write(row.request()));
                s.setObject(6, row.backupId());
                s.setString(7, row.selector());
                s.setObject(8, row.targetClusterId());
                s.setString(9, write(row.spec()));
                s.setString(10, row.reason());
                s.setBoolean(11, row.drill());
                if (s.executeUpdate() == 0) {
                    // the same key at the same moment from another request: that one's recovery
                    return new Created(
                            byKey(c, row.tenantId(), row.idempotencyKey()).orElseThrow(), false);
                }
            }
            transition(c, id, 0, null, RecoveryPhase.Planned, row.reason());
            return new Created(one(c, "id = ?", id).orElseThrow(), true);
        });
    }

    /** A recovery made by an earlier request with an Idempotency-Key, and that request as sent. */
    public record Earlier(JsonNode request, Recovery recovery) {}

    /** The recovery an Idempotency-Key of the tenant made, with its request. */
    public Optional<Earlier> earlier(UUID tenantId, String idempotencyKey) {
        return transaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT request, id FROM recovery WHERE tenant_id = ? AND idempotency_key = ?")) {
                s.setObject(1, tenantId);
                s.setString(2, idempotencyKey);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new Earlier(
                            read(rs.getString(1)),
                            one(c, "id = ?", rs.getObject(2, UUID.class)).orElseThrow()));
                }
            }
        });
    }

    /** One of the tenant's recoveries. */
    public Optional<Recovery> find(UUID tenantId, UUID id) {
        return transaction(c -> one(c, "tenant_id = ? AND id = ?", tenantId, id));
    }

    /** A recovery's transitions, in order. */
    public List<Transition> transitions(UUID id) {
        return transaction(c -> {
            List<Transition> all = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT from_phase, to_phase, at, reason"
                    + " FROM recovery_transition WHERE recovery_id = ? ORDER BY seq")) {
                s.setObject(1, id);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        all.add(new Transition(
                                rs.getString(1) == null ? null : RecoveryPhase.valueOf(rs.getString(1)),
                                RecoveryPhase.valueOf(rs.getString(2)),
                                rs.getTimestamp(3).toInstant(),
                                rs.getString(4)));
                    }
                }
            }
            return all;
        });
    }

    /**
     * Up to {@code limit} of the tenant's recoveries, newest first, after {@code after} (null: from the newest);
     * {@code drill} true or false keeps only drills or only real recoveries, null both.
     */
    public List<Recovery> page(UUID tenantId, Boolean drill, Cursor after, int limit) {
        return transaction(c -> {
            List<Recovery> page = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM recovery WHERE tenant_id = ?"
                    + " AND (?::boolean IS NULL OR drill = ?::boolean)"
                    + " AND (?::timestamptz IS NULL OR (created_at, id) < (?::timestamptz, ?::uuid))"
                    + " ORDER BY created_at DESC, id DESC LIMIT ?")) {
                Timestamp at = after == null ? null : Timestamp.from(after.at());
                s.setObject(1, tenantId);
                s.setObject(2, drill, java.sql.Types.BOOLEAN);
                s.setObject(3, drill, java.sql.Types.BOOLEAN);
                s.setTimestamp(4, at);
                s.setTimestamp(5, at);
                s.setObject(6, after == null ? null : after.id());
                s.setInt(7, limit);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        page.add(recovery(rs));
                    }
                }
            }
            return page;
        });
    }

    /** Marks a recovery to be cancelled and makes its next step due now; empty when the tenant has no such one. */
    public Optional<Recovery> requestCancel(UUID tenantId, UUID id) {
        return transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE recovery SET cancel_requested = true,"
                    + " next_step_at = now(), updated_at = now() WHERE tenant_id = ? AND id = ?"
                    + " AND phase IN ('Planned', 'Staging', 'Restoring', 'Verifying')")) {
                s.setObject(1, tenantId);
                s.setObject(2, id);
                s.executeUpdate();
            }
            return one(c, "tenant_id = ? AND id = ?", tenantId, id);
        });
    }

    /**
     * Forgets every recovery of a purged tenant, with its transitions and report (the tenant service's purge; an
     * orchestration step of one of them then finds nothing to do). Idempotent.
     *
     * @return how many recoveries there were
     */
    public int forgetTenant(UUID tenantId) {
        return transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM recovery WHERE tenant_id = ?")) {
                s.setObject(1, tenantId);
                return s.executeUpdate();
            }
        });
    }

    /** A recovery's signed report: the document as signed, its signature, the signing key's id. */
    public record SignedReport(byte[] document, byte[] signature, String keyId) {}

    /** Ended recoveries whose report is not written yet, oldest first. */
    public List<UUID> unsealed(int limit) {
        return transaction(c -> {
            List<UUID> ids = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT id FROM recovery WHERE finished_at IS NOT NULL"
                    + " AND report_document IS NULL ORDER BY finished_at LIMIT ?")) {
                s.setInt(1, limit);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getObject(1, UUID.class));
                    }
                }
            }
            return ids;
        });
    }

    /** Writes an ended recovery's report, once: a report written already stays as it is. */
    public void seal(UUID id, SignedReport report) {
        transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE recovery SET report_document = ?,"
                    + " report_signature = ?, report_key_id = ? WHERE id = ? AND finished_at IS NOT NULL"
                    + " AND report_document IS NULL")) {
                s.setBytes(1, report.document());
                s.setBytes(2, report.signature());
                s.setString(3, report.keyId());
                s.setObject(4, id);
                return s.executeUpdate();
            }
        });
    }

    /** The signed report of one of the tenant's recoveries; empty while it has none (it has not ended). */
    public Optional<SignedReport> report(UUID tenantId, UUID id) {
        return transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT report_document, report_signature, report_key_id"
                    + " FROM recovery WHERE tenant_id = ? AND id = ? AND report_document IS NOT NULL")) {
                s.setObject(1, tenantId);
                s.setObject(2, id);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next()
                            ? Optional.of(new SignedReport(rs.getBytes(1), rs.getBytes(2), rs.getString(3)))
                            : Optional.empty();
                }
            }
        });
    }

    /** Any recovery by id (the report writer). */
    public Optional<Recovery> find(UUID id) {
        return transaction(c -> one(c, "id = ?", id));
    }

    /** Recoveries with a step due, oldest first. */
    public List<UUID> due(int limit) {
        return transaction(c -> {
            List<UUID> ids = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT id FROM recovery WHERE phase IN ('Planned',"
                            + " 'Staging', 'Restoring', 'Verifying') AND next_step_at <= now() ORDER BY next_step_at LIMIT ?")) {
                s.setInt(1, limit);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getObject(1, UUID.class));
                    }
                }
            }
            return ids;
        });
    }

    /** A recovery before and after a step. */
    public record Stepped(Recovery before, Recovery after) {}

    /**
     * Takes one step of a recovery: reads it locked (another instance stepping it is skipped: empty), applies
     * {@code step} and records its change in the same transaction.
     */
    public Optional<Stepped> step(UUID id, Function<Recovery, Change> step) {
        return transaction(c -> {
            Optional<Recovery> locked = one(
                    c,
                    "id = ? AND phase IN ('Planned', 'Staging', 'Restoring', 'Verifying') AND next_step_at <= now()"
                            + " FOR UPDATE SKIP LOCKED",
                    id);
            if (locked.isEmpty()) {
                return Optional.empty();
            }
            Recovery r = locked.get();
            Change change = step.apply(r);
            apply(c, r, change);
            return Optional.of(new Stepped(r, one(c, "id = ?", id).orElseThrow()));
        });
    }

    private void apply(Connection c, Recovery r, Change change) throws SQLException {
        boolean moves = change.to() != null && change.to() != r.phase();
        Duration next = change.failed()
                ? min(change.next().multipliedBy(1L << Math.min(r.attempts(), 6)), MAX_WAIT)
                : change.next();
        try (PreparedStatement s = c.prepareStatement("UPDATE recovery SET"
                + " phase = coalesce(?, phase), reason = CASE WHEN ? THEN ? ELSE reason END,"
                + " phase_since = CASE WHEN ? THEN now() ELSE phase_since END,"
                + " finished_at = CASE WHEN ? THEN now() ELSE finished_at END,"
                + " region = coalesce(?, region), regions = coalesce(?::jsonb, regions),"
                + " command_id = coalesce(?, command_id), progress = coalesce(?::jsonb, progress),"
                + " report = coalesce(?::jsonb, report), verification = coalesce(?::jsonb, verification),"
                + " attempts = CASE WHEN ? THEN attempts + 1 ELSE 0 END,"
                + " last_error = CASE WHEN ? THEN ? ELSE NULL END,"
                + " next_step_at = now() + ?::interval, updated_at = now() WHERE id = ?")) {
            s.setString(1, moves ? change.to().name() : null);
            s.setBoolean(2, moves);
            s.setString(3, change.reason());
            s.setBoolean(4, moves);
            s.setBoolean(5, moves && change.to().isFinal());
            s.setString(6, change.region());
            s.setString(7, change.regions() == null ? null : write(change.regions()));
            s.setObject(8, change.commandId());
            s.setString(9, change.progress() == null ? null : write(change.progress()));
            s.setString(10, change.report() == null ? null : write(change.report()));
            s.setString(11, change.verification() == null ? null : write(change.verification()));
            s.setBoolean(12, change.failed());
            s.setBoolean(13, change.failed());
            s.setString(14, change.reason());
            s.setString(15, next.toMillis() + " milliseconds");
            s.setObject(16, r.id());
            s.executeUpdate();
        }
        if (moves) {
            int seq;
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT coalesce(max(seq), -1) + 1 FROM recovery_transition WHERE recovery_id = ?")) {
                s.setObject(1, r.id());
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    seq = rs.getInt(1);
                }
            }
            transition(c, r.id(), seq, r.phase(), change.to(), change.reason());
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) < 0 ? a : b;
    }

    private static void transition(Connection c, UUID id, int seq, RecoveryPhase from, RecoveryPhase to, String reason)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO recovery_transition (recovery_id, seq,"
                + " from_phase, to_phase, reason) VALUES (?, ?, ?, ?, ?)")) {
            s.setObject(1, id);
            s.setInt(2, seq);
            s.setString(3, from == null ? null : from.name());
            s.setString(4, to.name());
            s.setString(5, reason);
            s.executeUpdate();
        }
    }

    private Optional<Recovery> byKey(Connection c, UUID tenantId, String key) throws SQLException {
        return one(c, "tenant_id = ? AND idempotency_key = ?", tenantId, key);
    }

    private Optional<Recovery> one(Connection c, String where, Object... params) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM recovery WHERE " + where)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(recovery(rs)) : Optional.empty();
            }
        }
    }

    private Recovery recovery(ResultSet rs) throws SQLException {
        Timestamp finished = rs.getTimestamp(21);
        return new Recovery(
                rs.getObject(1, UUID.class),
                rs.getObject(2, UUID.class),
                rs.getString(3),
                rs.getObject(4, UUID.class),
                rs.getString(5),
                rs.getObject(6, UUID.class),
                read(rs.getString(7)),
                RecoveryPhase.valueOf(rs.getString(8)),
                rs.getString(9),
                rs.getTimestamp(10).toInstant(),
                rs.getString(11),
                read(rs.getString(12)),
                rs.getObject(13, UUID.class),
                read(rs.getString(14)),
                read(rs.getString(15)),
                read(rs.getString(16)),
                rs.getBoolean(17),
                rs.getInt(18),
                rs.getString(19),
                rs.getTimestamp(20).toInstant(),
                finished == null ? null : finished.toInstant(),
                rs.getBoolean(22));
    }

    private String write(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private JsonNode read(String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored document does not parse: " + e.getMessage(), e);
        }
    }

    /** Work in one transaction. */
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T transaction(Work<T> work) {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("recovery database unavailable: " + e.getMessage(), e);
        }
    }
}
