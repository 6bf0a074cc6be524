package dev.cairn.ingest.backup;

import dev.cairn.api.agent.backup.BackupPhase;
import dev.cairn.data.chunk.ChunkId;
import dev.cairn.data.manifest.BackupManifest;
import dev.cairn.ingest.fault.FaultPoints;
import dev.cairn.ingest.pack.DurableChunks;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Backups and their references in the ingest schema (plain JDBC: bulk rows, one transaction per change). */
@ApplicationScoped
public class BackupCatalog implements DurableChunks {
    private static final String COLUMNS = "id, tenant_id, cluster_id, source, phase, failure, started_at, finished_at,"
            + " completed_at, files, directories, symlinks, logical_bytes, new_bytes, sent_bytes, warnings, errors,"
            + " messages, reference_count, root, lease_until, locked_until";

    /**
     * Moves Committing backups whose every referenced chunk is in the chunk index to Completed (PartiallyFailed when
     * the agent reported errors). Run inside the transaction that made chunks durable, and after a manifest arrives.
     */
    private static final String COMPLETE_DURABLE = "UPDATE backup b SET phase = CASE WHEN b.errors > 0 THEN"
            + " 'PartiallyFailed' ELSE 'Completed' END, completed_at = now() WHERE b.phase = 'Committing'"
            + " AND NOT EXISTS (SELECT 1 FROM backup_chunk bc WHERE bc.backup_id = b.id AND NOT EXISTS"
            + " (SELECT 1 FROM chunk c WHERE c.tenant_id = b.tenant_id AND c.chunk_id = bc.chunk_id))";

    /** What a completion returns: the usage events of the backups it finished. */
    private static final String COMPLETED_COLUMNS =
            " RETURNING b.id, b.tenant_id, b.cluster_id, coalesce(b.logical_bytes, 0), coalesce(b.new_bytes, 0)";

    private final AgroalDataSource db;
    private final FaultPoints faults;

    public BackupCatalog(AgroalDataSource db, FaultPoints faults) {
        this.db = db;
        this.faults = faults;
    }

    /**
     * Completes the backups whose every referenced chunk is durable now (in the pack commit's transaction): only the
     * tenants' Committing backups that reference a chunk of this commit are checked (found through the references'
     * primary key), never every Committing backup of a tenant on each commit.
     */
    @Override
    public void chunksDurable(Connection transaction, Map<UUID, List<byte[]>> chunks) throws SQLException {
        // one order: two commits never wait on each other
        for (Map.Entry<UUID, List<byte[]>> tenant : new java.util.TreeMap<>(chunks).entrySet()) {
            lockCompletion(transaction, tenant.getKey());
            try (PreparedStatement s = transaction.prepareStatement("WITH written (id) AS (SELECT substring(? FROM"
                    + " i * " + ChunkId.LENGTH + " + 1 FOR " + ChunkId.LENGTH
                    + ") FROM generate_series(0, ? - 1) AS i) "
                    + COMPLETE_DURABLE + " AND b.tenant_id = ? AND EXISTS (SELECT 1 FROM written w JOIN backup_chunk t"
                    + " ON t.backup_id = b.id AND t.chunk_id = w.id)" + COMPLETED_COLUMNS)) {
                byte[] written = new byte[tenant.getValue().size() * ChunkId.LENGTH];
                for (int i = 0; i < tenant.getValue().size(); i++) {
                    System.arraycopy(tenant.getValue().get(i), 0, written, i * ChunkId.LENGTH, ChunkId.LENGTH);
                }
                s.setBytes(1, written);
                s.setInt(2, tenant.getValue().size());
                s.setObject(3, tenant.getKey());
                recordCompleted(transaction, s);
            }
        }
    }

    @Override
    public void quotaReached(Connection transaction, UUID tenantId, String reason) throws SQLException {
        failing(
                transaction,
                "UPDATE backup SET phase = 'Failed', failure = ?, finished_at = coalesce(finished_at, now()),"
                        + " lease_until = NULL WHERE tenant_id = ? AND phase IN ('InProgress', 'Committing')",
                reason,
                tenantId);
    }

    /**
     * Runs a completion and writes, for each backup it finished, its PROTECTED (logical bytes) and NEW usage events,
     * with ids derived from the backup: a backup completes once, and its events count once.
     */
    private static void recordCompleted(Connection c, PreparedStatement completion) throws SQLException {
        try (ResultSet rs = completion.executeQuery()) {
            while (rs.next()) {
                UUID backup = rs.getObject(1, UUID.class);
                UUID tenant = rs.getObject(2, UUID.class);
                UUID cluster = rs.getObject(3, UUID.class);
                for (UsageKind kind : new UsageKind[] {UsageKind.PROTECTED, UsageKind.NEW}) {
                    UsageOutbox.write(
                            c,
                            UsageOutbox.eventId(kind, backup.toString()),
                            tenant,
                            kind,
                            rs.getLong(kind == UsageKind.PROTECTED ? 4 : 5),
                            null,
                            cluster,
                            backup);
                }
            }
        }
    }

    /** A new InProgress backup of the agent, held by a lease of {@code lease}. */
    public void create(UUID id, UUID tenantId, UUID clusterId, String source, Duration lease) {
        create(id, tenantId, clusterId, source, lease, null);
    }

    /**
     * Records a new InProgress backup started with {@code idempotencyKey} (null: none); false when the agent's cluster
     * started one with that key already (nothing written: {@link #started} finds it).
     */
    public boolean create(
            UUID id, UUID tenantId, UUID clusterId, String source, Duration lease, String idempotencyKey) {
        return update(
                        "INSERT INTO backup (id, tenant_id, cluster_id, source, phase, lease_until, idempotency_key)"
                                + " VALUES (?, ?, ?, ?, ?, now() + ?::interval, ?)"
                                + " ON CONFLICT (cluster_id, idempotency_key) WHERE idempotency_key IS NOT NULL"
                                + " DO NOTHING",
                        id,
                        tenantId,
                        clusterId,
                        source,
                        BackupPhase.InProgress.name(),
                        lease.toSeconds() + " seconds",
                        idempotencyKey)
                > 0;
    }

    /** The backup the agent's cluster started with {@code idempotencyKey}, if any. */
    public Optional<Backup> started(UUID tenantId, UUID clusterId, String idempotencyKey) {
        return query(
                        "SELECT " + COLUMNS + " FROM backup WHERE tenant_id = ? AND cluster_id = ?"
                                + " AND idempotency_key = ?",
                        List.of(tenantId, clusterId, idempotencyKey),
                        1)
                .stream()
                .findFirst();
    }

    /** Extends the lease of the agent's InProgress backup by {@code lease} from now; false when it is not one. */
    public boolean renew(UUID tenantId, UUID clusterId, UUID id, Duration lease) {
        return update(
                        "UPDATE backup SET lease_until = now() + ?::interval WHERE tenant_id = ? AND cluster_id = ?"
                                + " AND id = ? AND phase = 'InProgress'",
                        lease.toSeconds() + " seconds",
                        tenantId,
                        clusterId,
                        id)
                > 0;
    }

    /** Ends every InProgress backup whose lease has lapsed as Failed, with the reason; answers how many. */
    public int failLapsed() {
        return failing("UPDATE backup SET phase = 'Failed', finished_at = now(), failure = 'its agent stopped renewing"
                + " its lease (at ' || to_char(lease_until AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
                + " || ': killed, or cut off from the platform); the chunks it sent are left to garbage collection',"
                + " lease_until = NULL WHERE phase = 'InProgress' AND lease_until < now()");
    }

    /** The tenant's backup, or empty (also when it is another tenant's). */
    public Optional<Backup> find(UUID tenantId, UUID id) {
        List<Backup> found =
                query("SELECT " + COLUMNS + " FROM backup WHERE tenant_id = ? AND id = ?", List.of(tenantId, id), 1);
        return found.stream().findFirst();
    }

    /**
     * The tenant's backups, newest first, optionally of one cluster, after {@code after} (null: from the newest):
     * {@code limit} at most.
     */
    public List<Backup> list(UUID tenantId, UUID clusterId, Cursor after, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM backup WHERE tenant_id = ?");
        List<Object> args = new ArrayList<>(List.of(tenantId));
        if (clusterId != null) {
            sql.append(" AND cluster_id = ?");
            args.add(clusterId);
        }
        if (after != null) {
            sql.append(" AND (started_at, id) < (?, ?)");
            args.add(Timestamp.from(after.at()));
            args.add(after.id());
        }
        sql.append(" ORDER BY started_at DESC, id DESC LIMIT ?");
        args.add(limit);
        return query(sql.toString(), args, limit);
    }

    /** The key space of {@link #lockCompletion}'s advisory locks ("cmpl"). */
    private static final int COMPLETION_LOCK = 0x636d706c;

    /**
     * Takes the tenant's completion lock until the transaction ends. A pack commit and a manifest commit of one
     * tenant each check, in their own transaction, whether the other has made a backup complete; without the lock
     * both could check before the other committed (under read committed neither sees the other's rows) and leave the
     * backup Committing until the tenant's next pack commit: the lock orders them, and the second checks after the
     * first committed. (Two full runs saw a backup wait 13 and 15 minutes for that next commit.)
     */
    static void lockCompletion(Connection c, UUID tenant) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT pg_advisory_xact_lock(?, hashtext(?))")) {
            s.setInt(1, COMPLETION_LOCK);
            s.setString(2, tenant.toString());
            s.execute();
        }
    }

    /** A manifest's references, a batch of raw ids one after another at a time; null after the last. */
    @FunctionalInterface
    public interface ReferenceBatches {
        byte[] next();
    }

    /** {@link #commitManifest(BackupManifest.Head, ReferenceBatches, String, long)} of a manifest held whole. */
    public boolean commitManifest(BackupManifest m, String manifestKey, long manifestBytes) {
        List<ChunkId> refs = m.references();
        int[] from = {0};
        return commitManifest(
                m.head(),
                () -> {
                    if (from[0] >= refs.size()) {
                        return null;
                    }
                    List<ChunkId> batch = refs.subList(from[0], Math.min(refs.size(), from[0] + REFERENCE_BATCH));
                    from[0] += batch.size();
                    return concat(batch);
                },
                manifestKey,
                manifestBytes);
    }

    /** References inserted per statement. */
    public static final int REFERENCE_BATCH = 50_000;

    /**
     * Records the manifest of an InProgress backup (statistics, root, every reference as {@code references} yields
     * them, the replication of its object) and completes it if all its chunks are durable already, in one
     * transaction. Answers false when the backup was not InProgress. A batch that fails (a malformed manifest read as
     * it comes) rolls it all back.
     */
    public boolean commitManifest(
            BackupManifest.Head m, ReferenceBatches references, String manifestKey, long manifestBytes) {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                lockCompletion(c, m.tenantId());
                BackupManifest.Statistics s = m.statistics();
                int updated;
                try (PreparedStatement p = c.prepareStatement(
                        "UPDATE backup SET phase = 'Committing', finished_at = ?,"
                                + " files = ?, directories = ?, symlinks = ?, logical_bytes = ?, new_bytes = ?,"
                                + " sent_bytes = ?, warnings = ?, errors = ?, messages = ?, reference_count = ?, root = ?,"
                                + " manifest_key = ?, lease_until = NULL WHERE id = ? AND tenant_id = ? AND phase = 'InProgress'")) {
                    int i = 1;
                    p.setTimestamp(i++, Timestamp.from(m.finishedAt()));
                    for (long v : s.values()) {
                        p.setLong(i++, v);
                    }
                    p.setString(i++, String.join("\n", m.messages()));
                    p.setInt(i++, m.referenceCount());
                    p.setBytes(i++, concat(m.root()));
                    p.setString(i++, manifestKey);
                    p.setObject(i++, m.backupId());
                    p.setObject(i, m.tenantId());
                    updated = p.executeUpdate();
                }
                if (updated == 0) {
                    c.rollback();
                    return false;
                }
                insertReferences(c, m.backupId(), references);
                ReplicationOutbox.copy(c, m.tenantId(), manifestKey, manifestBytes);
                try (PreparedStatement p = c.prepareStatement(COMPLETE_DURABLE + " AND b.id = ?" + COMPLETED_COLUMNS)) {
                    p.setObject(1, m.backupId());
                    recordCompleted(c, p);
                }
                faults.pass(FaultPoints.Point.MANIFEST_CHECKED);
                c.commit();
                return true;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("catalog unavailable: " + e.getMessage(), e);
        }
    }

    /**
     * Deletes a finished backup (Completed, PartiallyFailed or Failed), its references and its manifest's copies (a
     * replication task), in one transaction;
     * answers false when the tenant has no such finished backup. The chunks stay until garbage collection finds them
     * unreferenced.
     */
    public boolean delete(UUID tenantId, UUID id) {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            // an immutable backup is never deleted before its date (ADR 0033), whoever asks
            try (PreparedStatement s = c.prepareStatement("DELETE FROM backup WHERE tenant_id = ? AND id = ?"
                    + " AND phase IN ('Completed', 'PartiallyFailed', 'Failed')"
                    + " AND (locked_until IS NULL OR locked_until <= now()) RETURNING manifest_key")) {
                s.setObject(1, tenantId);
                s.setObject(2, id);
                boolean deleted = false;
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        deleted = true;
                        if (rs.getString(1) != null) {
                            ReplicationOutbox.delete(c, tenantId, rs.getString(1));
                        }
                    }
                }
                c.commit();
                return deleted;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("catalog unavailable: " + e.getMessage(), e);
        }
    }

    /** Marks a backup that is not restorable yet as Failed with the agent's reason; false if it was too late. */
    public boolean fail(UUID tenantId, UUID id, String reason) {
        return failing(
                        "UPDATE backup SET phase = 'Failed', failure = ?, finished_at = now(), lease_until = NULL"
                                + " WHERE tenant_id = ? AND id = ? AND phase IN ('InProgress', 'Committing')",
                        reason,
                        tenantId,
                        id)
                > 0;
    }

    /**
     * Runs an UPDATE that ends backups Failed and writes each one's BACKUP_FAILED event (its reason, an id derived
     * from the backup: a backup fails once), in one transaction; how many it ended.
     */
    private int failing(String sql, Object... args) {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                int failed = failing(c, sql, args);
                c.commit();
                return failed;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("catalog unavailable: " + e.getMessage(), e);
        }
    }

    private static int failing(Connection c, String sql, Object... args) throws SQLException {
        int failed = 0;
        try (PreparedStatement s = c.prepareStatement(sql + " RETURNING id, tenant_id, cluster_id, failure")) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    failed++;
                    UUID backup = rs.getObject(1, UUID.class);
                    UsageOutbox.write(
                            c,
                            UsageOutbox.eventId(UsageKind.BACKUP_FAILED, backup.toString()),
                            rs.getObject(2, UUID.class),
                            UsageKind.BACKUP_FAILED,
                            0,
                            null,
                            rs.getObject(3, UUID.class),
                            backup,
                            rs.getString(4));
                }
            }
        }
        return failed;
    }

    /**
     * Records egress: the chunk bytes of a backup handed out for reading, per region, as RESTORED usage events (a
     * fresh id each: every hand-out is new egress).
     */
    public void recordRestored(UUID tenantId, UUID clusterId, UUID backupId, Map<String, Long> bytesByRegion) {
        if (bytesByRegion.isEmpty()) {
            return;
        }
        try (Connection c = db.getConnection()) {
            for (Map.Entry<String, Long> region : bytesByRegion.entrySet()) {
                UsageOutbox.write(
                        c,
                        UUID.randomUUID(),
                        tenantId,
                        UsageKind.RESTORED,
                        region.getValue(),
                        region.getKey(),
                        clusterId,
                        backupId);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("catalog unavailable: " + e.getMessage(), e);
        }
    }

    /**
     * Pins the region a recovery's restore of the backup reads from, until {@code until} (a later pin replaces it);
     * false when the tenant has no such backup.
     */
    public boolean pinSource(UUID tenantId, UUID backupId, String region, Instant until) {
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("INSERT INTO restore_source (backup_id, tenant_id, region,"
                        + " pinned_until) SELECT id, tenant_id, ?, ? FROM backup WHERE tenant_id = ? AND id = ?"
                        + " ON CONFLICT (backup_id) DO UPDATE SET region = excluded.region,"
                        + " pinned_until = excluded.pinned_until")) {
            s.setString(1, region);
            s.setTimestamp(2, Timestamp.from(until));
            s.setObject(3, tenantId);
            s.setObject(4, backupId);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("catalog unavailable: " + e.getMessage(), e);
        }
    }

    /** Removes the pin of a backup's restore source (none is fine). */
    public void unpinSource(UUID tenantId, UUID backupId) {
        try (Connection c = db.getConnection();
                PreparedStatement s =
                        c.prepareStatement("DELETE FROM restore_source WHERE tenant_id = ? AND backup_id = ?")) {
            s.setObject(1, tenantId);
            s.setObject(2, backupId);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("catalog unavailable: " + e.getMessage(), e);
        }
    }

    /** The region pinned for restores of the backup, while the pin lasts. */
    public Optional<String> pinnedSource(UUID tenantId, UUID backupId) {
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT region FROM restore_source WHERE tenant_id = ?"
                        + " AND backup_id = ? AND pinned_until > now()")) {
            s.setObject(1, tenantId);
            s.setObject(2, backupId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("catalog unavailable: " + e.getMessage(), e);
        }
    }

    /** Where the given chunks of a backup are; ids the backup does not reference are left out. */
    public List<ChunkLocation> locate(UUID tenantId, UUID backupId, Collection<ChunkId> ids) {
        List<ChunkLocation> found = new ArrayList<>();
        List<ChunkId> all = List.copyOf(ids);
        try (Connection c = db.getConnection()) {
            for (int from = 0; from < all.size(); from += 1000) {
                List<ChunkId> batch = all.subList(from, Math.min(all.size(), from + 1000));
                String marks = String.join(", ", Collections.nCopies(batch.size(), "?"));
                try (PreparedStatement s = c.prepareStatement(
                        "SELECT c.chunk_id, c.pack_id, p.region, p.object_key, c.pack_offset, c.stored_length,"
                                + " (SELECT coalesce(string_agg(o.region, ','), '') FROM object_copy o"
                                + " WHERE o.object_key = p.object_key)"
                                + " FROM backup_chunk bc JOIN chunk c ON c.tenant_id = ? AND c.chunk_id = bc.chunk_id"
                                + " JOIN pack p ON p.id = c.pack_id WHERE bc.backup_id = ? AND bc.chunk_id IN ("
                                + marks + ")")) {
                    s.setObject(1, tenantId);
                    s.setObject(2, backupId);
                    for (int i = 0; i < batch.size(); i++) {
                        s.setBytes(i + 3, batch.get(i).bytes());
                    }
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            found.add(new ChunkLocation(
                                    ChunkId.of(rs.getBytes(1)),
                                    rs.getObject(2, UUID.class),
                                    rs.getString(3),
                                    rs.getString(4),
                                    rs.getLong(5),
                                    rs.getInt(6),
                                    rs.getString(7).isEmpty()
                                            ? List.of()
                                            : List.of(rs.getString(7).split(","))));
                        }
                    }
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("catalog unavailable: " + e.getMessage(), e);
        }
    }

    /**
     * Inserts a backup's references, 50,000 a statement, each batch one binary parameter of concatenated ids. The
     * manifest's references are sorted and unique and the backup row is locked InProgress → Committing by the same
     * transaction, so neither a conflict clause nor a foreign key check per row is needed (V9: backup_chunk rows go
     * with their backup by a statement-level trigger).
     */
    private static void insertReferences(Connection c, UUID backupId, ReferenceBatches refs) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO backup_chunk (backup_id, chunk_id) SELECT ?,"
                + " substring(? FROM i * " + ChunkId.LENGTH + " + 1 FOR " + ChunkId.LENGTH + ")"
                + " FROM generate_series(0, ? - 1) AS i")) {
            for (byte[] batch = refs.next(); batch != null; batch = refs.next()) {
                s.setObject(1, backupId);
                s.setBytes(2, batch);
                s.setInt(3, batch.length / ChunkId.LENGTH);
                s.executeUpdate();
            }
        }
    }

    private static byte[] concat(List<ChunkId> ids) {
        byte[] out = new byte[ids.size() * ChunkId.LENGTH];
        for (int i = 0; i < ids.size(); i++) {
            System.arraycopy(ids.get(i).bytes(), 0, out, i * ChunkId.LENGTH, ChunkId.LENGTH);
        }
        return out;
    }

    private static List<ChunkId> split(byte[] bytes) {
        if (bytes == null) {
            return List.of();
        }
        List<ChunkId> ids = new ArrayList<>();
        for (int i = 0; i + ChunkId.LENGTH <= bytes.length; i += ChunkId.LENGTH) {
            ids.add(ChunkId.of(Arrays.copyOfRange(bytes, i, i + ChunkId.LENGTH)));
        }
        return ids;
    }

    private int update(String sql, Object... args) {
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("catalog unavailable: " + e.getMessage(), e);
        }
    }

    private List<Backup> query(String sql, List<Object> args, int limit) {
        List<Backup> out = new ArrayList<>();
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                s.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next() && out.size() < limit) {
                    out.add(row(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("catalog unavailable: " + e.getMessage(), e);
        }
    }

    private static Backup row(ResultSet rs) throws SQLException {
        BackupManifest.Statistics stats = null;
        if (rs.getObject("files") != null) {
            stats = new BackupManifest.Statistics(
                    rs.getLong("files"),
                    rs.getLong("directories"),
                    rs.getLong("symlinks"),
                    rs.getLong("logical_bytes"),
                    rs.getLong("new_bytes"),
                    rs.getLong("sent_bytes"),
                    rs.getLong("warnings"),
                    rs.getLong("errors"));
        }
        String messages = rs.getString("messages");
        return new Backup(
                rs.getObject("id", UUID.class),
                rs.getObject("tenant_id", UUID.class),
                rs.getObject("cluster_id", UUID.class),
                rs.getString("source"),
                BackupPhase.valueOf(rs.getString("phase")),
                rs.getString("failure"),
                instant(rs.getTimestamp("started_at")),
                instant(rs.getTimestamp("finished_at")),
                instant(rs.getTimestamp("completed_at")),
                stats,
                messages == null || messages.isEmpty() ? List.of() : List.of(messages.split("\n")),
                rs.getInt("reference_count"),
                split(rs.getBytes("root")),
                instant(rs.getTimestamp("lease_until")),
                instant(rs.getTimestamp("locked_until")));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
