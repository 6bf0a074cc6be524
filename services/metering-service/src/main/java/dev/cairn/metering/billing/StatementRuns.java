package dev.cairn.metering.billing;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The record of statements runs ({@code statement_run}). */
@ApplicationScoped
public class StatementRuns {
    private static final String COLUMNS =
            "id, requested_by, phase, started_at, finished_at, drafts, finalized, skipped, messages";

    private final AgroalDataSource db;

    public StatementRuns(AgroalDataSource db) {
        this.db = db;
    }

    /** A run to carry out, or the run a request gets instead ({@code created} false). */
    public record Start(StatementRun run, boolean created) {}

    /**
     * Records a new Running run, unless {@code idempotencyKey} names an earlier request's run or a run is in progress
     * on some instance (its advisory lock is held): then that run. A Running row whose lock nobody holds is a run
     * whose instance stopped: it is marked Failed.
     */
    public Start start(String requestedBy, String idempotencyKey) {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (idempotencyKey != null) {
                    Optional<StatementRun> earlier = one(c, "idempotency_key = ?", idempotencyKey);
                    if (earlier.isPresent()) {
                        c.commit();
                        return new Start(earlier.get(), false);
                    }
                }
                Optional<StatementRun> running =
                        one(c, "phase = 'Running' ORDER BY started_at DESC LIMIT 1 FOR UPDATE", null);
                if (running.isPresent()) {
                    if (!Statements.lockFree(c)) {
                        c.commit();
                        return new Start(running.get(), false);
                    }
                    try (PreparedStatement s = c.prepareStatement("UPDATE statement_run SET phase = 'Failed',"
                            + " finished_at = now(), messages = 'its instance stopped while it ran'"
                            + " WHERE phase = 'Running'")) {
                        s.executeUpdate();
                    }
                }
                UUID id = UUID.randomUUID();
                try (PreparedStatement s = c.prepareStatement("INSERT INTO statement_run (id, requested_by,"
                        + " idempotency_key, phase) VALUES (?, ?, ?, 'Running')")) {
                    s.setObject(1, id);
                    s.setString(2, requestedBy);
                    s.setString(3, idempotencyKey);
                    s.executeUpdate();
                }
                StatementRun run = one(c, "id = ?", id).orElseThrow();
                c.commit();
                return new Start(run, true);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("metering database unavailable: " + e.getMessage(), e);
        }
    }

    /** Records how a run ended. */
    public void finish(UUID id, StatementRunPhase phase, int drafts, int finalized, int skipped, String messages) {
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("UPDATE statement_run SET phase = ?, finished_at = now(),"
                        + " drafts = ?, finalized = ?, skipped = ?, messages = ? WHERE id = ?")) {
            s.setString(1, phase.name());
            s.setInt(2, drafts);
            s.setInt(3, finalized);
            s.setInt(4, skipped);
            s.setString(5, messages);
            s.setObject(6, id);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("metering database unavailable: " + e.getMessage(), e);
        }
    }

    /** One run. */
    public Optional<StatementRun> find(UUID id) {
        try (Connection c = db.getConnection()) {
            return one(c, "id = ?", id);
        } catch (SQLException e) {
            throw new IllegalStateException("metering database unavailable: " + e.getMessage(), e);
        }
    }

    /** Up to {@code limit} runs, newest first, after the run {@code after} (null: from the newest). */
    public List<StatementRun> list(UUID after, int limit) {
        List<StatementRun> runs = new ArrayList<>();
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM statement_run WHERE ?::uuid IS"
                        + " NULL OR (started_at, id) < (SELECT started_at, id FROM statement_run WHERE id = ?::uuid)"
                        + " ORDER BY started_at DESC, id DESC LIMIT ?")) {
            s.setObject(1, after);
            s.setObject(2, after);
            s.setInt(3, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    runs.add(run(rs));
                }
            }
            return runs;
        } catch (SQLException e) {
            throw new IllegalStateException("metering database unavailable: " + e.getMessage(), e);
        }
    }

    private static Optional<StatementRun> one(Connection c, String where, Object param) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM statement_run WHERE " + where)) {
            if (param != null) {
                s.setObject(1, param);
            }
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(run(rs)) : Optional.empty();
            }
        }
    }

    private static StatementRun run(ResultSet rs) throws SQLException {
        Timestamp finished = rs.getTimestamp(5);
        return new StatementRun(
                rs.getObject(1, UUID.class),
                rs.getString(2),
                StatementRunPhase.valueOf(rs.getString(3)),
                rs.getTimestamp(4).toInstant(),
                finished == null ? null : finished.toInstant(),
                rs.getInt(6),
                rs.getInt(7),
                rs.getInt(8),
                rs.getString(9));
    }
}
