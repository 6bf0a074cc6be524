package dev.cairn.ingest.pack;

import dev.cairn.data.chunk.ChunkId;
import dev.cairn.platform.kafka.ConsumerOffsets;
import dev.cairn.platform.usage.Quota;
import dev.cairn.platform.usage.UsageKind;
import dev.cairn.platform.usage.UsageOutbox;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The chunk index and backup catalog in PostgreSQL. A commit is one transaction: the packs' rows, their chunk rows
 * (idempotent on tenant and chunk id), each tenant's stored-bytes counter, its usage events (outbox), the Kafka
 * offsets consumed, and the completion of backups whose chunks are now all durable.
 */
@ApplicationScoped
public class Catalog {
    private final AgroalDataSource db;
    private final DurableChunks durable;

    public Catalog(AgroalDataSource db, DurableChunks durable) {
        this.db = db;
        this.durable = durable;
    }

    /**
     * Like {@link #known(UUID, Collection)}, for an agent that will reference what it is told is present: under the
     * tenant's promise lock (shared), reads which are present and stamps the promise time of the packs that hold them
     * (those stamped longer than {@code refresh} ago: a no-op backup writes a few pack rows, not a row per chunk).
     * Garbage collection sweeps under the same lock held exclusively and spares every chunk of a pack promised to a
     * backup in progress or within its safety window (docs/adr/0015, 0024), so a chunk answered present here stays.
     */
    public Set<ChunkId> promise(UUID tenantId, Collection<ChunkId> candidates, Duration refresh) {
        Set<ChunkId> known = new HashSet<>();
        if (candidates.isEmpty()) {
            return known;
        }
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                PromiseLock.share(c, tenantId);
                Set<UUID> packs = new TreeSet<>();
                for (List<ChunkId> batch : batches(candidates)) {
                    try (PreparedStatement s = c.prepareStatement(
                            "SELECT chunk_id, pack_id FROM chunk WHERE tenant_id = ? AND chunk_id IN " + IDS)) {
                        s.setObject(1, tenantId);
                        s.setString(2, hex(batch));
                        try (ResultSet rs = s.executeQuery()) {
                            while (rs.next()) {
                                known.add(ChunkId.of(rs.getBytes(1)));
                                packs.add(rs.getObject(2, UUID.class));
                            }
                        }
                    }
                }
                if (!packs.isEmpty()) {
                    // locked in id order (ORDER BY ... FOR UPDATE), so that two agents' promises do not deadlock
                    try (PreparedStatement s = c.prepareStatement(
                            "UPDATE pack SET promised_at = now() WHERE id IN"
                                    + " (SELECT id FROM pack WHERE tenant_id = ? AND id = ANY(?)"
                                    + " AND (promised_at IS NULL OR promised_at < now() - ?::interval) ORDER BY id FOR UPDATE)")) {
                        s.setObject(1, tenantId);
                        s.setArray(2, c.createArrayOf("uuid", packs.toArray()));
                        s.setString(3, refresh.toMillis() + " milliseconds");
                        s.executeUpdate();
                    }
                }
                c.commit();
                return known;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("catalog unavailable: " + e.getMessage(), e);
        }
    }

    /** A set of ids as one SQL parameter: hex text, comma-separated. */
    private static final String IDS = "(SELECT decode(h, 'hex') FROM unnest(string_to_array(?, ',')) AS h)";

    private static List<List<ChunkId>> batches(Collection<ChunkId> ids) {
        List<ChunkId> all = List.copyOf(ids);
        List<List<ChunkId>> batches = new ArrayList<>();
        for (int from = 0; from < all.size(); from += 10_000) {
            batches.add(all.subList(from, Math.min(all.size(), from + 10_000)));
        }
        return batches;
    }

    private static String hex(List<ChunkId> batch) {
        StringBuilder hex = new StringBuilder(batch.size() * 65);
        for (ChunkId id : batch) {
            hex.append(hex.isEmpty() ? "" : ",").append(id.hex());
        }
        return hex.toString();
    }

    /**
     * The chunk ids among {@code candidates} that the tenant already has: one query per 10,000 ids, the ids passed as
     * one hex text (PgJDBC's bytea arrays do not pass through the pool's connection wrapper).
     */
    public Set<ChunkId> known(UUID tenantId, Collection<ChunkId> candidates) {
        Set<ChunkId> known = new HashSet<>();
        if (candidates.isEmpty()) {
            return known;
        }
        try (Connection c = db.getConnection();
                PreparedStatement s =
                        c.prepareStatement("SELECT chunk_id FROM chunk WHERE tenant_id = ? AND chunk_id IN " + IDS)) {
            for (List<ChunkId> batch : batches(candidates)) {
                s.setObject(1, tenantId);
                s.setString(2, hex(batch));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        known.add(ChunkId.of(rs.getBytes(1)));
                    }
                }
            }
            return known;
        } catch (SQLException e) {
            throw new IllegalStateException("catalog unavailable: " + e.getMessage(), e);
        }
    }

    /** The next offset to consume per partition of {@code topic}, as last committed. */
    public Map<Integer, Long> offsets(String topic) {
        try (Connection c = db.getConnection()) {
            return ConsumerOffsets.read(c, topic);
        } catch (SQLException e) {
            throw new IllegalStateException("catalog unavailable: " + e.getMessage(), e);
        }
    }

    /**
     * Commits uploaded packs and the offsets that produced them, all or nothing. A pack of a tenant already at its
     * limit in {@code limits} is not committed: the tenant's unfinished backups end Failed with the reason, and the
     * refused packs are returned for their objects to be deleted. The tenants' counter rows are locked in id order,
     * so that commits of several ingest instances serialise per tenant: together they overshoot a limit by at most
     * the one pack that crossed it.
     *
     * @return the packs refused for their tenant's quota
     */
    public List<Pack> commit(List<Pack> packs, String topic, Map<Integer, Long> nextOffsets, Map<UUID, Quota> limits) {
        List<Pack> refused = new ArrayList<>();
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                Map<UUID, String> overQuota = new TreeMap<>();
                Map<UUID, List<byte[]>> written = new TreeMap<>();
                Map<UUID, List<Pack>> byTenant = new TreeMap<>();
                for (Pack pack : packs) {
                    byTenant.computeIfAbsent(pack.tenantId(), t -> new ArrayList<>())
                            .add(pack);
                }
                for (Map.Entry<UUID, List<Pack>> tenant : byTenant.entrySet()) {
                    Quota quota = limits.get(tenant.getKey());
                    long stored = quota == null ? 0 : lockStored(c, tenant.getKey());
                    for (Pack pack : tenant.getValue()) {
                        if (quota != null && !quota.allows(stored)) {
                            refused.add(pack);
                            overQuota.put(tenant.getKey(), quota.exceededReason(stored));
                            continue;
                        }
                        insertPack(c, pack);
                        List<byte[]> ids = written.computeIfAbsent(tenant.getKey(), t -> new ArrayList<>());
                        pack.entries().forEach(e -> ids.add(e.id().bytes()));
                        stored += pack.size() + pack.index().length;
                    }
                }
                ConsumerOffsets.write(c, topic, nextOffsets);
                if (!written.isEmpty()) {
                    durable.chunksDurable(c, written);
                }
                for (Map.Entry<UUID, String> over : overQuota.entrySet()) {
                    durable.quotaReached(c, over.getKey(), over.getValue());
                }
                c.commit();
                return refused;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("catalog commit failed: " + e.getMessage(), e);
        }
    }

    /** The tenant's exact stored bytes, its counter row locked until the end of the transaction. */
    private static long lockStored(Connection c, UUID tenantId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO tenant_storage (tenant_id, stored_bytes) VALUES (?, 0) ON CONFLICT (tenant_id) DO NOTHING")) {
            s.setObject(1, tenantId);
            s.executeUpdate();
        }
        try (PreparedStatement s =
                c.prepareStatement("SELECT stored_bytes FROM tenant_storage WHERE tenant_id = ? FOR UPDATE")) {
            s.setObject(1, tenantId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** A tenant's stored-bytes counter and when it last moved. */
    public record StoredBytes(UUID tenantId, long storedBytes, java.time.Instant updatedAt) {}

    /** The counters of up to {@code limit} tenants after {@code after} (null: from the first), in tenant id order. */
    public List<StoredBytes> storedBytes(UUID after, int limit) {
        List<StoredBytes> page = new ArrayList<>();
        try (Connection c = db.getConnection();
                PreparedStatement s =
                        c.prepareStatement("SELECT tenant_id, stored_bytes, updated_at FROM tenant_storage"
                                + " WHERE tenant_id > ? ORDER BY tenant_id LIMIT ?")) {
            s.setObject(1, after == null ? new UUID(0, 0) : after);
            s.setInt(2, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    page.add(new StoredBytes(
                            rs.getObject(1, UUID.class),
                            rs.getLong(2),
                            rs.getTimestamp(3).toInstant()));
                }
            }
            return page;
        } catch (SQLException e) {
            throw new IllegalStateException("catalog unavailable: " + e.getMessage(), e);
        }
    }

    /** The tenant's exact stored bytes now (0 for a tenant that never stored anything). */
    public long storedBytes(UUID tenantId) {
        try (Connection c = db.getConnection();
                PreparedStatement s =
                        c.prepareStatement("SELECT stored_bytes FROM tenant_storage WHERE tenant_id = ?")) {
            s.setObject(1, tenantId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("catalog unavailable: " + e.getMessage(), e);
        }
    }

    /**
     * The row of a written pack (its objects' bytes, data and index, and its chunk envelopes' bytes), and the
     * replication of both objects.
     */
    public static void insertPackRow(Connection c, Pack pack) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO pack (id, tenant_id, region, object_key, size_bytes,"
                + " chunk_count, data_bytes) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            s.setObject(1, pack.id());
            s.setObject(2, pack.tenantId());
            s.setString(3, pack.region());
            s.setString(4, PackStore.key(pack.tenantId(), PackStore.packName(pack.id())));
            s.setLong(5, pack.size() + pack.index().length);
            s.setInt(6, pack.entries().size());
            s.setLong(7, pack.size());
            s.executeUpdate();
        }
        String key = PackStore.key(pack.tenantId(), PackStore.packName(pack.id()));
        ReplicationOutbox.copy(c, pack.tenantId(), key, pack.size());
        ReplicationOutbox.copy(c, pack.tenantId(), PackStore.indexOf(key), pack.index().length);
    }

    /** Moves the tenant's exact stored-bytes counter by {@code delta} (negative when space is given back). */
    public static void addStored(Connection c, UUID tenantId, long delta) throws SQLException {
        if (delta < 0) { // space given back: the row exists (an insert of a negative count would break its check)
            try (PreparedStatement s = c.prepareStatement("UPDATE tenant_storage SET stored_bytes = stored_bytes + ?,"
                    + " updated_at = now() WHERE tenant_id = ?")) {
                s.setLong(1, delta);
                s.setObject(2, tenantId);
                s.executeUpdate();
            }
            return;
        }
        try (PreparedStatement s =
                c.prepareStatement("INSERT INTO tenant_storage (tenant_id, stored_bytes) VALUES (?, ?)"
                        + " ON CONFLICT (tenant_id) DO UPDATE SET stored_bytes = tenant_storage.stored_bytes + EXCLUDED.stored_bytes,"
                        + " updated_at = now()")) {
            s.setObject(1, tenantId);
            s.setLong(2, delta);
            s.executeUpdate();
        }
    }

    private static void insertPack(Connection c, Pack pack) throws SQLException {
        long stored = pack.size() + pack.index().length;
        if (pack.uploaded()) {
            // its upload slot is used up by this commit: a replayed or repeated record finds none open (ADR 0025)
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE upload_slot SET used_at = now() WHERE pack_id = ? AND used_at IS NULL")) {
                s.setObject(1, pack.id());
                if (s.executeUpdate() != 1) {
                    throw new IllegalStateException("the upload slot of pack " + pack.id() + " was used meanwhile");
                }
            }
        }
        insertPackRow(c, pack);
        // one statement of three arrays per pack: a row per small file, inserted one statement each, was most of
        // a small-file backup's time in PostgreSQL
        List<Pack.Entry> entries = pack.entries();
        byte[][] ids = new byte[entries.size()][];
        Long[] offsets = new Long[entries.size()];
        Integer[] lengths = new Integer[entries.size()];
        for (int i = 0; i < entries.size(); i++) {
            ids[i] = entries.get(i).id().bytes();
            offsets[i] = entries.get(i).offset();
            lengths[i] = entries.get(i).length();
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO chunk (tenant_id, chunk_id, pack_id, pack_offset,"
                + " stored_length) SELECT ?, id, ?, off, len FROM unnest(?, ?, ?) AS e (id, off, len)"
                + " ON CONFLICT (tenant_id, chunk_id) DO NOTHING")) {
            s.setObject(1, pack.tenantId());
            s.setObject(2, pack.id());
            s.setArray(3, c.createArrayOf("bytea", ids));
            s.setArray(4, c.createArrayOf("bigint", offsets));
            s.setArray(5, c.createArrayOf("integer", lengths));
            s.executeUpdate();
        }
        addStored(c, pack.tenantId(), stored);
        // the outbox: one event per pack and kind, ids derived from the pack, so a replay cannot count twice
        String subject = pack.id().toString();
        UsageOutbox.write(
                c,
                UsageOutbox.eventId(UsageKind.STORED, subject),
                pack.tenantId(),
                UsageKind.STORED,
                stored,
                pack.region(),
                null,
                null);
        UsageOutbox.write(
                c,
                UsageOutbox.eventId(UsageKind.INGESTED, subject),
                pack.tenantId(),
                UsageKind.INGESTED,
                pack.size(),
                pack.region(),
                null,
                null);
    }
}
