package dev.cairn.ingest.lock;

import dev.cairn.api.agent.backup.BackupPhase;
import dev.cairn.ingest.IngestConfig;
import dev.cairn.ingest.backup.BackupNotFoundException;
import dev.cairn.ingest.pack.PackStore;
import dev.cairn.ingest.replication.TenantRegions;
import dev.cairn.platform.problem.ProblemException;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Makes backups immutable: their manifest and every pack they reference held by object lock until a date, recorded in
 * the catalog so that nothing deletes the backup, or rewrites or deletes its packs, before then. Locks only grow: a
 * pack shared by several immutable backups is held until the latest of their dates; asking again for an earlier date
 * changes nothing.
 */
@ApplicationScoped
public class BackupLocks {
    private static final int ATTEMPTS = 5;

    private final AgroalDataSource db;
    private final ObjectLock objectLock;
    private final TenantRegions regions;
    private final IngestConfig config;

    public BackupLocks(AgroalDataSource db, ObjectLock objectLock, TenantRegions regions, IngestConfig config) {
        this.db = db;
        this.objectLock = objectLock;
        this.regions = regions;
        this.config = config;
    }

    /**
     * Whether the tenant's backups can be made immutable: object lock in its home region and in its DR region (where
     * their copies are held too: {@link CopyHolds}).
     *
     * @param region the region that decided: the first of home and DR whose store cannot lock objects, else home
     * @param available whether both stores lock objects
     * @param detail what that store said
     */
    public record Immutability(String region, boolean available, String detail) {}

    /** Whether {@code tenant}'s backups can be made immutable now. */
    public Immutability immutability(UUID tenant) {
        Immutability home = null;
        for (String region : stores(tenant)) {
            ObjectLock.Capability capability = objectLock.capability(region);
            if (!capability.available()) {
                return new Immutability(region, false, capability.detail());
            }
            home = home != null ? home : new Immutability(region, true, capability.detail());
        }
        return home;
    }

    /** The tenant's home region, then its DR region if its objects are copied. */
    private List<String> stores(UUID tenant) {
        TenantRegions.Regions r = regions.find(tenant).orElseThrow(() -> ProblemException.notFound("tenant " + tenant));
        return r.replicated() ? List.of(r.home(), r.dr()) : List.of(r.home());
    }

    /**
     * Holds the tenant's finished backup until {@code until} (or later, if it is held longer already) and answers
     * until when it is held.
     *
     * @throws BackupNotFoundException when the tenant has no such backup
     * @throws ProblemException 409 when the backup cannot be restored (not finished, or failed), 409
     *     {@code object-lock-unavailable} when a store holding it cannot lock objects
     */
    public Instant lock(UUID tenant, UUID backup, Instant until) {
        Backup found = backup(tenant, backup);
        if (!found.phase().restorable()) {
            throw ProblemException.conflict(
                    "backup " + backup + " is " + found.phase() + ": only a completed backup can be made immutable");
        }
        List<String> tenantStores = stores(tenant);
        String home = tenantStores.getFirst();
        Set<UUID> held = new LinkedHashSet<>();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            List<Pack> packs = packs(tenant, backup);
            Set<String> stores = new LinkedHashSet<>(tenantStores); // DR: its copies are held too (CopyHolds)
            packs.forEach(p -> stores.add(p.region()));
            for (String region : stores) {
                ObjectLock.Capability capability = objectLock.capability(region);
                if (!capability.available()) {
                    throw unavailable(region, capability);
                }
            }
            // the store first, then the catalog: a catalog that says "held" is never ahead of the store
            for (Pack p : packs) {
                if (!held.contains(p.id())
                        && (p.lockedUntil() == null || p.lockedUntil().isBefore(until))) {
                    objectLock.retain(
                            p.region(), p.key(), until, config.objectLock().mode());
                    objectLock.retain(
                            p.region(),
                            PackStore.indexOf(p.key()),
                            until,
                            config.objectLock().mode());
                }
                held.add(p.id());
            }
            if (found.lockedUntil() == null || found.lockedUntil().isBefore(until)) {
                objectLock.retain(
                        home,
                        PackStore.key(tenant, "backups/" + backup + ".manifest"),
                        until,
                        config.objectLock().mode());
            }
            Instant recorded = record(tenant, backup, held, until);
            if (recorded != null) {
                return recorded;
            }
            // garbage collection moved a chunk of the backup to another pack meanwhile: hold that one too
        }
        throw new IllegalStateException("backup " + backup + "'s packs kept changing while it was being locked");
    }

    private static ProblemException unavailable(String region, ObjectLock.Capability capability) {
        return new ProblemException(
                409,
                "object-lock-unavailable",
                "Immutable backups are unavailable",
                "the object store of region " + region + " cannot hold objects immutable (" + capability.support()
                        + ": " + capability.detail() + ")",
                Map.of("region", region, "support", capability.support().name()));
    }

    private record Backup(BackupPhase phase, Instant lockedUntil) {}

    private record Pack(UUID id, String region, String key, Instant lockedUntil) {}

    private Backup backup(UUID tenant, UUID backup) {
        try (Connection c = db.getConnection();
                PreparedStatement s =
                        c.prepareStatement("SELECT phase, locked_until FROM backup WHERE tenant_id = ? AND id = ?")) {
            s.setObject(1, tenant);
            s.setObject(2, backup);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new BackupNotFoundException(backup);
                }
                return new Backup(BackupPhase.valueOf(rs.getString(1)), instant(rs.getTimestamp(2)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("catalog unavailable: " + e.getMessage(), e);
        }
    }

    /** The packs holding the backup's chunks now. */
    private List<Pack> packs(UUID tenant, UUID backup) {
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement(REFERENCED + " SELECT id, region, object_key, locked_until"
                        + " FROM pack WHERE id IN (SELECT pack_id FROM referenced) ORDER BY id")) {
            s.setObject(1, backup);
            s.setObject(2, tenant);
            List<Pack> packs = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    packs.add(new Pack(
                            rs.getObject(1, UUID.class),
                            rs.getString(2),
                            rs.getString(3),
                            instant(rs.getTimestamp(4))));
                }
            }
            return packs;
        } catch (SQLException e) {
            throw new IllegalStateException("catalog unavailable: " + e.getMessage(), e);
        }
    }

    private static final String REFERENCED = "WITH referenced AS (SELECT DISTINCT c.pack_id FROM backup_chunk b JOIN"
            + " chunk c ON c.chunk_id = b.chunk_id WHERE b.backup_id = ? AND c.tenant_id = ?)";

    /**
     * Records the holds, provided the backup's chunks are still in the packs held (rows locked against garbage
     * collection's rewrites meanwhile); answers the backup's date, or null when a pack was not held.
     */
    private Instant record(UUID tenant, UUID backup, Set<UUID> held, Instant until) {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                Map<UUID, Boolean> now = new LinkedHashMap<>();
                try (PreparedStatement s = c.prepareStatement(REFERENCED
                        + " SELECT id FROM pack WHERE id IN (SELECT pack_id FROM referenced) ORDER BY id FOR UPDATE")) {
                    s.setObject(1, backup);
                    s.setObject(2, tenant);
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            now.put(rs.getObject(1, UUID.class), held.contains(rs.getObject(1, UUID.class)));
                        }
                    }
                }
                if (now.containsValue(false)) {
                    c.rollback();
                    return null;
                }
                Timestamp date = Timestamp.from(until);
                try (PreparedStatement s = c.prepareStatement("UPDATE pack SET locked_until ="
                        + " greatest(coalesce(locked_until, ?), ?) WHERE id = ANY (?)")) {
                    s.setTimestamp(1, date);
                    s.setTimestamp(2, date);
                    s.setArray(3, c.createArrayOf("uuid", held.toArray()));
                    s.executeUpdate();
                }
                Instant answer;
                try (PreparedStatement s = c.prepareStatement(
                        "UPDATE backup SET locked_until ="
                                + " greatest(coalesce(locked_until, ?), ?) WHERE tenant_id = ? AND id = ? RETURNING locked_until")) {
                    s.setTimestamp(1, date);
                    s.setTimestamp(2, date);
                    s.setObject(3, tenant);
                    s.setObject(4, backup);
                    try (ResultSet rs = s.executeQuery()) {
                        if (!rs.next()) {
                            throw new BackupNotFoundException(backup);
                        }
                        answer = rs.getTimestamp(1).toInstant();
                    }
                }
                c.commit();
                return answer;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("catalog unavailable: " + e.getMessage(), e);
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
