package dev.cairn.ingest.gc;

import dev.cairn.data.chunk.ChunkId;
import dev.cairn.ingest.pack.Catalog;
import dev.cairn.ingest.pack.Pack;
import dev.cairn.ingest.pack.PackStore;
import dev.cairn.ingest.pack.PromiseLock;
import dev.cairn.ingest.pack.ReplicationOutbox;
import dev.cairn.platform.page.Cursor;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Garbage collection's statements. The mark is the database's: one anti-join of a tenant's chunk index against every
 * reference of its backups, so that the service's memory does not grow with the tenant's chunk count (PostgreSQL
 * hashes or spills to disk within {@code work_mem}). docs/adr/0015-garbage-collection.md.
 */
@ApplicationScoped
class GcCatalog {
    /**
     * The sweep horizon of a tenant, read in the same statement (and snapshot) as the sweep: nothing written or
     * promised after it is swept. It is the safety window before now, or earlier still while a backup of the tenant is
     * in progress: the promise refresh before the oldest one's start, so that every chunk promised to it stays.
     * Parameters: safety window, promise refresh, tenant.
     */
    private static final String HORIZON = "WITH horizon AS (SELECT LEAST(now() - ?::interval,"
            + " COALESCE(MIN(b.started_at) - ?::interval, 'infinity'::timestamptz)) AS t FROM backup b"
            + " WHERE b.tenant_id = ? AND b.phase = 'InProgress')";

    /**
     * A sweepable chunk {@code c} of pack {@code p} under horizon {@code h}: referenced by no backup of the tenant, in
     * any phase, and neither written nor promised (its pack's stamp, or its own from before V10) after the horizon.
     * Parameters: tenant, tenant.
     */
    private static final String SWEEPABLE = "c.tenant_id = ? AND p.id = c.pack_id AND p.created_at < h.t"
            + " AND (p.promised_at IS NULL OR p.promised_at < h.t)"
            + " AND (c.promised_at IS NULL OR c.promised_at < h.t) AND NOT EXISTS (SELECT 1 FROM backup_chunk bc"
            + " JOIN backup b ON b.id = bc.backup_id WHERE b.tenant_id = ? AND bc.chunk_id = c.chunk_id)";

    private final AgroalDataSource db;

    GcCatalog(AgroalDataSource db) {
        this.db = db;
    }

    /** Chunks swept from one pack: how many, and their stored bytes. */
    record Swept(long chunks, long bytes) {}

    /** A live pack of a tenant and its live chunks now. */
    record PackState(
            UUID id,
            String region,
            String objectKey,
            long sizeBytes,
            long dataBytes,
            long liveChunks,
            long liveBytes) {}

    /** A live chunk's place in its pack. */
    record Live(ChunkId id, long offset, int length) {}

    /** A retired pack whose objects are due for deletion. */
    record Retired(UUID id, UUID tenantId, String region, String objectKey) {}

    /** Every tenant with packs. */
    List<UUID> tenants() {
        return list(
                "SELECT DISTINCT tenant_id FROM pack ORDER BY tenant_id", List.of(), rs -> rs.getObject(1, UUID.class));
    }

    /**
     * Removes the tenant's sweepable chunks from the index (one statement, under the tenant's {@link PromiseLock} held
     * exclusively: a missing-query in flight finishes its stamps first); what went, per pack.
     */
    Map<UUID, Swept> sweep(UUID tenant, Duration window, Duration refresh) {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                PromiseLock.exclusive(c, tenant);
                Map<UUID, Swept> swept = swept(
                        c,
                        HORIZON + ", gone AS (DELETE FROM chunk c USING pack p, horizon h WHERE " + SWEEPABLE
                                + " RETURNING c.pack_id, c.stored_length)"
                                + " SELECT pack_id, count(*), sum(stored_length) FROM gone GROUP BY pack_id",
                        tenant,
                        window,
                        refresh);
                c.commit();
                return swept;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("catalog unavailable: " + e.getMessage(), e);
        }
    }

    /** What {@link #sweep} would remove now, changing nothing. */
    Map<UUID, Swept> sweepable(UUID tenant, Duration window, Duration refresh) {
        try (Connection c = db.getConnection()) {
            return swept(
                    c,
                    HORIZON + " SELECT c.pack_id, count(*), sum(c.stored_length) FROM chunk c, pack p, horizon h WHERE "
                            + SWEEPABLE + " GROUP BY c.pack_id",
                    tenant,
                    window,
                    refresh);
        } catch (SQLException e) {
            throw new IllegalStateException("catalog unavailable: " + e.getMessage(), e);
        }
    }

    private static Map<UUID, Swept> swept(Connection c, String sql, UUID tenant, Duration window, Duration refresh)
            throws SQLException {
        Map<UUID, Swept> swept = new HashMap<>();
        try (PreparedStatement s = bind(
                        c.prepareStatement(sql), List.of(interval(window), interval(refresh), tenant, tenant, tenant));
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                swept.put(rs.getObject(1, UUID.class), new Swept(rs.getLong(2), rs.getLong(3)));
            }
        }
        return swept;
    }

    /** The tenant's live (not retired) packs with their live chunks now. */
    List<PackState> packs(UUID tenant) {
        return list(
                "SELECT p.id, p.region, p.object_key, p.size_bytes, COALESCE(p.data_bytes, p.size_bytes),"
                        + " COALESCE(l.n, 0), COALESCE(l.bytes, 0) FROM pack p LEFT JOIN (SELECT pack_id, count(*) AS n,"
                        + " sum(stored_length) AS bytes FROM chunk WHERE tenant_id = ? GROUP BY pack_id) l"
                        + " ON l.pack_id = p.id WHERE p.tenant_id = ? AND p.retired_at IS NULL"
                        // a pack held by object lock is neither rewritten nor retired before its date (ADR 0033)
                        + " AND (p.locked_until IS NULL OR p.locked_until <= now()) ORDER BY p.created_at",
                List.of(tenant, tenant),
                rs -> new PackState(
                        rs.getObject(1, UUID.class),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getLong(4),
                        rs.getLong(5),
                        rs.getLong(6),
                        rs.getLong(7)));
    }

    /** The live chunks of a pack, in pack order. */
    List<Live> live(UUID tenant, UUID pack) {
        return list(
                "SELECT chunk_id, pack_offset, stored_length FROM chunk WHERE tenant_id = ? AND pack_id = ?"
                        + " ORDER BY pack_offset",
                List.of(tenant, pack),
                rs -> new Live(ChunkId.of(rs.getBytes(1)), rs.getLong(2), rs.getInt(3)));
    }

    /**
     * Points the old pack's live chunks at the rewritten pack and retires the old one, with the stored-bytes delta
     * and its usage event, in one transaction; answers the delta (negative: bytes given back).
     */
    long replace(UUID tenant, PackState old, Pack fresh) {
        return inTransaction(c -> {
            Catalog.insertPackRow(c, fresh);
            try (PreparedStatement s = c.prepareStatement("UPDATE chunk SET pack_id = ?, pack_offset = ?"
                    + " WHERE tenant_id = ? AND chunk_id = ? AND pack_id = ?")) {
                for (Pack.Entry e : fresh.entries()) {
                    s.setObject(1, fresh.id());
                    s.setLong(2, e.offset());
                    s.setObject(3, tenant);
                    s.setBytes(4, e.id().bytes());
                    s.setObject(5, old.id());
                    s.addBatch();
                }
                s.executeBatch();
            }
            return retire(c, tenant, old, fresh.size() + fresh.index().length);
        });
    }

    /** What retiring the tenant's empty packs did. */
    record Emptied(int packs, long bytes) {}

    /**
     * Retires every live pack of the tenant with no chunk left, in one transaction with the stored-bytes counter and
     * one negative usage event per pack.
     */
    Emptied retireEmpty(UUID tenant) {
        long[] totals = new long[2];
        inTransaction(c -> {
            List<Object[]> retired = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("UPDATE pack p SET retired_at = now() WHERE p.tenant_id = ?"
                    + " AND p.retired_at IS NULL AND (p.locked_until IS NULL OR p.locked_until <= now()) AND NOT EXISTS (SELECT 1 FROM chunk c WHERE c.tenant_id = ?"
                    + " AND c.pack_id = p.id) RETURNING p.id, p.size_bytes, p.region")) {
                s.setObject(1, tenant);
                s.setObject(2, tenant);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        retired.add(new Object[] {rs.getObject(1, UUID.class), rs.getLong(2), rs.getString(3)});
                    }
                }
            }
            for (Object[] r : retired) {
                // the id derives from the retired pack, so that the event cannot be counted twice
                UsageOutbox.write(
                        c,
                        retiredEventId((UUID) r[0]),
                        tenant,
                        UsageKind.STORED,
                        -(Long) r[1],
                        (String) r[2],
                        null,
                        null);
                totals[0]++;
                totals[1] += (Long) r[1];
            }
            if (totals[1] > 0) {
                Catalog.addStored(c, tenant, -totals[1]);
            }
            return 0L;
        });
        return new Emptied((int) totals[0], totals[1]);
    }

    /**
     * Forgets a purged tenant (its objects are being deleted by the tenant service): its backups and references, its
     * chunk index, its packs retired, its stored-bytes counter to zero with one negative STORED usage event (id
     * derived from the tenant, so a repeated purge writes none), in one transaction.
     *
     * @return the stored bytes given back (0 when there were none, or the tenant was forgotten already)
     */
    long forgetTenant(UUID tenant) {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                for (String sql : new String[] {
                    "DELETE FROM backup WHERE tenant_id = ?",
                    "DELETE FROM chunk WHERE tenant_id = ?",
                    // what else names the tenant's backups: pinned restore sources, upload slots, GC runs
                    "DELETE FROM restore_source WHERE tenant_id = ?",
                    "DELETE FROM upload_slot WHERE tenant_id = ?",
                    "DELETE FROM gc_run WHERE tenant_id = ?",
                    "UPDATE pack SET retired_at = now() WHERE tenant_id = ? AND retired_at IS NULL"
                }) {
                    try (PreparedStatement s = c.prepareStatement(sql)) {
                        s.setObject(1, tenant);
                        s.executeUpdate();
                    }
                }
                ReplicationOutbox.forgetTenant(c, tenant);
                long stored = 0;
                try (PreparedStatement s =
                        c.prepareStatement("SELECT stored_bytes FROM tenant_storage WHERE tenant_id = ? FOR UPDATE")) {
                    s.setObject(1, tenant);
                    try (ResultSet rs = s.executeQuery()) {
                        if (rs.next()) {
                            stored = rs.getLong(1);
                        }
                    }
                }
                if (stored > 0) {
                    Catalog.addStored(c, tenant, -stored);
                    UsageOutbox.write(
                            c,
                            UsageOutbox.eventId(UsageKind.STORED, "purge:" + tenant),
                            tenant,
                            UsageKind.STORED,
                            -stored,
                            null,
                            null,
                            null);
                }
                c.commit();
                return stored;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("catalog unavailable: " + e.getMessage(), e);
        }
    }

    private static UUID retiredEventId(UUID pack) {
        return UsageOutbox.eventId(UsageKind.STORED, "retired:" + pack);
    }

    private static long retire(Connection c, UUID tenant, PackState old, long replacementBytes) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("UPDATE pack SET retired_at = now() WHERE id = ? AND retired_at IS NULL"
                        + " AND (locked_until IS NULL OR locked_until <= now())"
                        + " AND NOT EXISTS (SELECT 1 FROM chunk WHERE tenant_id = ? AND pack_id = ?)")) {
            s.setObject(1, old.id());
            s.setObject(2, tenant);
            s.setObject(3, old.id());
            if (s.executeUpdate() != 1) {
                throw new IllegalStateException("pack " + old.id() + " still holds chunks or is retired already");
            }
        }
        long delta = replacementBytes - old.sizeBytes();
        Catalog.addStored(c, tenant, delta);
        UsageOutbox.write(c, retiredEventId(old.id()), tenant, UsageKind.STORED, delta, old.region(), null, null);
        return delta;
    }

    /** Retired packs past the grace period, of one tenant or all ({@code tenant} null). */
    List<Retired> retiredBefore(Duration grace, UUID tenant) {
        return list(
                "SELECT id, tenant_id, region, object_key FROM pack WHERE retired_at IS NOT NULL"
                        + " AND retired_at < now() - ?::interval AND (?::uuid IS NULL OR tenant_id = ?::uuid)"
                        + " AND (locked_until IS NULL OR locked_until <= now())",
                java.util.Arrays.asList(interval(grace), tenant, tenant),
                rs -> new Retired(
                        rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4)));
    }

    /** Forgets a retired pack once its objects are gone, and has their copies deleted (replication tasks). */
    void forget(UUID pack) {
        inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "DELETE FROM pack WHERE id = ? AND retired_at IS NOT NULL RETURNING tenant_id, object_key")) {
                s.setObject(1, pack);
                long forgotten = 0;
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        UUID tenant = rs.getObject(1, UUID.class);
                        ReplicationOutbox.delete(c, tenant, rs.getString(2));
                        ReplicationOutbox.delete(c, tenant, PackStore.indexOf(rs.getString(2)));
                        forgotten++;
                    }
                }
                return forgotten;
            }
        });
    }

    /** Records a finished run's tenants. */
    void record(List<GcRun> runs) {
        inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO gc_run (run_id, tenant_id, started_at,"
                    + " finished_at, chunks_swept, swept_bytes, packs_rewritten, packs_emptied, objects_deleted,"
                    + " reclaimed_bytes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (GcRun r : runs) {
                    s.setObject(1, r.runId());
                    s.setObject(2, r.tenantId());
                    s.setTimestamp(3, Timestamp.from(r.startedAt()));
                    s.setTimestamp(4, Timestamp.from(r.finishedAt()));
                    s.setLong(5, r.chunksSwept());
                    s.setLong(6, r.sweptBytes());
                    s.setInt(7, r.packsRewritten());
                    s.setInt(8, r.packsEmptied());
                    s.setInt(9, r.objectsDeleted());
                    s.setLong(10, r.reclaimedBytes());
                    s.addBatch();
                }
                s.executeBatch();
            }
            return 0L;
        });
    }

    /** Recorded runs, newest first, of one tenant or all, after {@code after} (a cursor over finish time and tenant). */
    List<GcRun> runs(UUID tenant, Cursor after, int limit) {
        return list(
                "SELECT run_id, tenant_id, started_at, finished_at, chunks_swept, swept_bytes, packs_rewritten,"
                        + " packs_emptied, objects_deleted, reclaimed_bytes FROM gc_run"
                        + " WHERE (?::uuid IS NULL OR tenant_id = ?::uuid)"
                        + " AND (?::timestamptz IS NULL OR (finished_at, tenant_id) < (?::timestamptz, ?::uuid))"
                        + " ORDER BY finished_at DESC, tenant_id DESC LIMIT ?",
                java.util.Arrays.asList(
                        tenant,
                        tenant,
                        after == null ? null : Timestamp.from(after.at()),
                        after == null ? null : Timestamp.from(after.at()),
                        after == null ? null : after.id(),
                        limit),
                rs -> new GcRun(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class),
                        rs.getTimestamp(3).toInstant(),
                        rs.getTimestamp(4).toInstant(),
                        rs.getLong(5),
                        rs.getLong(6),
                        rs.getInt(7),
                        rs.getInt(8),
                        rs.getInt(9),
                        rs.getLong(10)));
    }

    /**
     * Holds the platform-wide collection lock on {@code c} (a session-level advisory lock): one collection at a time
     * across instances, while backups, restores and ingest go on without it. False when another run holds it.
     */
    static boolean tryLock(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT pg_try_advisory_lock(?)");
                ResultSet rs = bind(s, List.of(LOCK_KEY)).executeQuery()) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    static void unlock(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            s.setLong(1, LOCK_KEY);
            s.executeQuery().close();
        }
    }

    /** The advisory lock's key: "cairn-gc" as a number. */
    private static final long LOCK_KEY = 0x636169726e2d6763L;

    Connection connection() throws SQLException {
        return db.getConnection();
    }

    private interface Work {
        long run(Connection c) throws SQLException;
    }

    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private long inTransaction(Work work) {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                long result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("catalog unavailable: " + e.getMessage(), e);
        }
    }

    private <T> List<T> list(String sql, List<?> args, Row<T> row) {
        List<T> out = new ArrayList<>();
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement(sql);
                ResultSet rs = bind(s, args).executeQuery()) {
            while (rs.next()) {
                out.add(row.read(rs));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("catalog unavailable: " + e.getMessage(), e);
        }
    }

    private static PreparedStatement bind(PreparedStatement s, List<?> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            s.setObject(i + 1, args.get(i));
        }
        return s;
    }

    private static String interval(Duration d) {
        return d.toMillis() + " milliseconds";
    }
}
