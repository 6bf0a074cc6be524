package dev.cairn.ingest.gc;

import dev.cairn.ingest.pack.PackStore;
import dev.cairn.platform.region.RegionsConfig;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds (and, unless it is a dry run, deletes) orphan packs, in every region: pack and index objects that no pack row
 * and no pending replication task names (a forgotten pack's DR copy waits for its replicated deletion). A crash
 * between a pack's upload and its catalog commit leaves one; its chunks are re-read from Kafka and stored again, so
 * it holds nothing the catalog needs; so does an agent's upload whose slot lapsed unannounced (ADR 0025). Only objects
 * older than {@code minAge} count, so that a pack being committed
 * right now is never taken for an orphan.
 */
@ApplicationScoped
public class OrphanPacks {
    private final PackStore store;
    private final RegionsConfig regions;
    private final AgroalDataSource db;

    public OrphanPacks(PackStore store, RegionsConfig regions, AgroalDataSource db) {
        this.store = store;
        this.regions = regions;
        this.db = db;
    }

    /** What a run found. */
    public record Report(boolean dryRun, long scanned, List<PackStore.StoredObject> orphans, long orphanBytes) {}

    public Report run(boolean dryRun, Duration minAge) {
        Set<String> known = knownKeys();
        Instant before = Instant.now().minus(minAge);
        List<PackStore.StoredObject> orphans = new ArrayList<>();
        long scanned = 0;
        long bytes = 0;
        for (String region : regions.regions().keySet()) {
            for (PackStore.StoredObject o : store.list(region, "tenants/")) {
                if (!o.key().contains("/packs/")) {
                    continue;
                }
                scanned++;
                String pack = o.key().endsWith(PackStore.INDEX_SUFFIX)
                        ? o.key().substring(0, o.key().length() - PackStore.INDEX_SUFFIX.length())
                        : o.key();
                if (!known.contains(pack)
                        && !known.contains(o.key())
                        && o.lastModified().isBefore(before)) {
                    orphans.add(o);
                    bytes += o.size();
                    if (!dryRun) {
                        store.delete(region, o.key());
                    }
                }
            }
        }
        return new Report(dryRun, scanned, orphans, bytes);
    }

    private Set<String> knownKeys() {
        Set<String> keys = new HashSet<>();
        try (Connection c = db.getConnection();
                // a pack row names an object in its home region and the copies replicated from it; a pending
                // replication task names a copy the replicator still owns (a forgotten pack's DR copy waiting for
                // its deletion): neither is an orphan
                // an open upload slot names a pack its agent may have uploaded and announced, not committed yet
                PreparedStatement s = c.prepareStatement("SELECT object_key FROM pack UNION SELECT object_key FROM"
                        + " replication_task UNION SELECT 'tenants/' || tenant_id || '/packs/' || pack_id FROM upload_slot"
                        + " WHERE used_at IS NULL");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                keys.add(rs.getString(1));
            }
            return keys;
        } catch (SQLException e) {
            throw new IllegalStateException("catalog unavailable: " + e.getMessage(), e);
        }
    }
}
