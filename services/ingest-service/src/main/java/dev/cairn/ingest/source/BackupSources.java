package dev.cairn.ingest.source;

import dev.cairn.data.chunk.ChunkSealer;
import dev.cairn.ingest.backup.Backup;
import dev.cairn.ingest.backup.BackupCatalog;
import dev.cairn.ingest.backup.BackupNotFoundException;
import dev.cairn.ingest.pack.PackStore;
import dev.cairn.ingest.replication.TenantRegions;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Checks which regions hold a backup whole, pins a restore's region, and re-reads a sample of a backup's chunks. */
@ApplicationScoped
public class BackupSources {
    private static final Logger LOG = Logger.getLogger(BackupSources.class);
    private static final int MAX_PROBLEMS = 20;

    private final AgroalDataSource db;
    private final PackStore store;
    private final BackupCatalog catalog;
    private final TenantRegions regions;

    public BackupSources(AgroalDataSource db, PackStore store, BackupCatalog catalog, TenantRegions regions) {
        this.db = db;
        this.store = store;
        this.catalog = catalog;
        this.regions = regions;
    }

    /** One object of a backup: its key, home region, recorded size (-1: the pack's data and index together). */
    private record StoredObject(String key, String home, long size, Map<String, Copy> copies) {}

    /** A recorded copy of an object in another region. */
    private record Copy(long size, String md5) {}

    /**
     * Whether the tenant's home region and its DR region each hold the backup whole: every pack, pack index and the
     * manifest there, a copy with its recorded size and checksum. Home first.
     */
    public List<RegionCheck> check(UUID tenantId, UUID backupId) {
        Backup backup = catalog.find(tenantId, backupId).orElseThrow(() -> new BackupNotFoundException(backupId));
        TenantRegions.Regions where = regions.find(tenantId).orElseThrow(() -> new BackupNotFoundException(backupId));
        List<StoredObject> objects = objects(tenantId, backup, where.home());
        List<RegionCheck> checks = new ArrayList<>();
        checks.add(check(where.home(), "home", objects));
        if (where.replicated()) {
            checks.add(check(where.dr(), "dr", objects));
        }
        return checks;
    }

    private RegionCheck check(String region, String role, List<StoredObject> objects) {
        if (!store.reachable(region)) {
            return new RegionCheck(region, role, false, objects.size(), 0, 0, List.of("the region does not answer"));
        }
        int present = 0;
        long bytes = 0;
        List<String> problems = new ArrayList<>();
        Map<String, Long> packSizes = new HashMap<>();
        try {
            for (StoredObject o : objects) {
                Optional<PackStore.Head> head = store.head(region, o.key());
                String problem;
                if (head.isEmpty()) {
                    problem = o.key() + ": missing";
                } else if (region.equals(o.home())) {
                    problem = o.size() >= 0 && head.get().size() != o.size()
                            ? o.key() + ": " + head.get().size() + " bytes, recorded " + o.size()
                            : null;
                } else {
                    Copy copy = o.copies().get(region);
                    problem = copy == null
                            ? o.key() + ": not copied yet"
                            : head.get().size() != copy.size()
                                            || !head.get().etag().equals(copy.md5())
                                    ? o.key() + ": differs from the copy recorded (size or checksum)"
                                    : null;
                }
                if (problem == null) {
                    present++;
                    bytes += head.get().size();
                } else if (problems.size() < MAX_PROBLEMS) {
                    problems.add(problem);
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("region %s failed a check: %s", region, e.getMessage());
            return new RegionCheck(region, role, false, objects.size(), present, bytes, List.of(e.getMessage()));
        }
        return new RegionCheck(region, role, true, objects.size(), present, bytes, problems);
    }

    /** The backup's packs with their indexes, and its manifest. */
    private List<StoredObject> objects(UUID tenantId, Backup backup, String tenantHome) {
        List<StoredObject> objects = new ArrayList<>();
        try (Connection c = db.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("SELECT DISTINCT p.object_key, p.region FROM backup_chunk bc"
                    + " JOIN chunk c ON c.tenant_id = ? AND c.chunk_id = bc.chunk_id JOIN pack p ON p.id = c.pack_id"
                    + " WHERE bc.backup_id = ?")) {
                s.setObject(1, tenantId);
                s.setObject(2, backup.id());
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        // the pack's size is recorded for data and index together: each is checked for presence
                        objects.add(new StoredObject(rs.getString(1), rs.getString(2), -1, new HashMap<>()));
                        objects.add(new StoredObject(
                                PackStore.indexOf(rs.getString(1)), rs.getString(2), -1, new HashMap<>()));
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("SELECT manifest_key FROM backup WHERE id = ?")) {
                s.setObject(1, backup.id());
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next() && rs.getString(1) != null) {
                        objects.add(new StoredObject(rs.getString(1), tenantHome, -1, new HashMap<>()));
                    }
                }
            }
            Map<String, StoredObject> byKey = new HashMap<>();
            objects.forEach(o -> byKey.put(o.key(), o));
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT object_key, region, size_bytes, md5 FROM object_copy WHERE object_key = ANY (?)")) {
                s.setArray(1, c.createArrayOf("text", byKey.keySet().toArray()));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        byKey.get(rs.getString(1))
                                .copies()
                                .put(rs.getString(2), new Copy(rs.getLong(3), rs.getString(4)));
                    }
                }
            }
            return objects;
        } catch (SQLException e) {
            throw new IllegalStateException("catalog unavailable: " + e.getMessage(), e);
        }
    }

    /**
     * Pins the region restores of the backup read from, until {@code until}; the region must be one of the tenant's.
     *
     * @throws BackupNotFoundException when the tenant has no such backup
     * @throws IllegalArgumentException when the region is not the tenant's home or DR region
     */
    public void pin(UUID tenantId, UUID backupId, String region, Instant until) {
        TenantRegions.Regions where = regions.find(tenantId).orElseThrow(() -> new BackupNotFoundException(backupId));
        if (!region.equals(where.home()) && !(where.replicated() && region.equals(where.dr()))) {
            throw new IllegalArgumentException("region " + region + " is not one of the tenant's regions");
        }
        if (!catalog.pinSource(tenantId, backupId, region, until)) {
            throw new BackupNotFoundException(backupId);
        }
    }

    /** Ends a backup's restore pin. */
    public void unpin(UUID tenantId, UUID backupId) {
        catalog.unpinSource(tenantId, backupId);
    }

    /** Re-reads up to {@code count} chunks of the backup, chosen at random, from {@code region}. */
    public SampleCheck sample(UUID tenantId, UUID backupId, String region, int count) {
        catalog.find(tenantId, backupId).orElseThrow(() -> new BackupNotFoundException(backupId));
        record Sampled(String hex, String key, long offset, int length) {}
        List<Sampled> chosen = new ArrayList<>();
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT encode(c.chunk_id, 'hex'), p.object_key,"
                        + " c.pack_offset, c.stored_length FROM backup_chunk bc JOIN chunk c ON c.tenant_id = ?"
                        + " AND c.chunk_id = bc.chunk_id JOIN pack p ON p.id = c.pack_id WHERE bc.backup_id = ?"
                        + " ORDER BY random() LIMIT ?")) {
            s.setObject(1, tenantId);
            s.setObject(2, backupId);
            s.setInt(3, count);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    chosen.add(new Sampled(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getInt(4)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("catalog unavailable: " + e.getMessage(), e);
        }
        int passed = 0;
        long bytes = 0;
        List<String> problems = new ArrayList<>();
        for (Sampled x : chosen) {
            String problem;
            try {
                byte[] read = store.read(region, x.key(), x.offset(), x.length());
                bytes += read.length;
                problem = envelopeProblem(read, x.length());
            } catch (RuntimeException e) {
                problem = "unreadable: " + e.getMessage();
            }
            if (problem == null) {
                passed++;
            } else if (problems.size() < MAX_PROBLEMS) {
                problems.add("chunk " + x.hex() + " in " + x.key() + ": " + problem);
            }
        }
        return new SampleCheck(region, chosen.size(), passed, bytes, problems);
    }

    /** What is wrong with bytes read as a chunk envelope of {@code length} bytes; null when nothing is. */
    static String envelopeProblem(byte[] read, int length) {
        if (read.length != length) {
            return read.length + " bytes read, " + length + " recorded";
        }
        if (length < ChunkSealer.HEADER_LENGTH + ChunkSealer.TAG_LENGTH
                || read[0] != 'C'
                || read[1] != 'K'
                || read[2] != ChunkSealer.VERSION) {
            return "not a chunk envelope v" + ChunkSealer.VERSION;
        }
        return null;
    }
}
