package dev.cairn.ingest.rebuild;

import dev.cairn.data.chunk.ChunkId;
import dev.cairn.data.manifest.BackupManifest;
import dev.cairn.ingest.backup.BackupCatalog;
import dev.cairn.ingest.pack.PackStore;
import dev.cairn.platform.problem.ProblemException;
import dev.cairn.platform.region.RegionsConfig;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Rebuilds one tenant's catalog from the objects of a region alone (invariant 8): every pack index gives a pack row and
 * its chunk rows, every backup manifest a backup with its references, and the stored-bytes counter is the sum of the
 * packs and indexes. The tenant's rows are replaced in one transaction; backups whose every referenced chunk is found
 * come back Completed (or PartiallyFailed), others stay Committing. Usage events and consumer offsets are not touched.
 */
@ApplicationScoped
public class CatalogRebuild {
    private final PackStore store;
    private final RegionsConfig regions;
    private final AgroalDataSource db;
    private final BackupCatalog backups;

    public CatalogRebuild(PackStore store, RegionsConfig regions, AgroalDataSource db, BackupCatalog backups) {
        this.store = store;
        this.regions = regions;
        this.db = db;
        this.backups = backups;
    }

    /** What was rebuilt. */
    public record Report(
            UUID tenantId,
            String region,
            int packs,
            long chunks,
            int backups,
            long storedBytes,
            List<String> skipped) {}

    private record IndexedPack(UUID id, String key, long size, List<String[]> chunks) {}

    public Report rebuild(UUID tenant, String region) {
        if (!regions.regions().containsKey(region)) {
            throw new ProblemException(400, "unknown-region", "Unknown region", "no region " + region);
        }
        String prefix = PackStore.key(tenant, "");
        List<PackStore.StoredObject> objects = store.list(region, prefix);
        Map<String, Long> sizes = new HashMap<>();
        objects.forEach(o -> sizes.put(o.key(), o.size()));
        List<IndexedPack> packs = new ArrayList<>();
        List<BackupManifest> manifests = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (PackStore.StoredObject o : objects) {
            String key = o.key();
            if (key.startsWith(prefix + "packs/") && key.endsWith(PackStore.INDEX_SUFFIX)) {
                String packKey = key.substring(0, key.length() - PackStore.INDEX_SUFFIX.length());
                if (!sizes.containsKey(packKey)) {
                    skipped.add(key + ": its pack is missing");
                    continue;
                }
                try {
                    packs.add(index(
                            tenant,
                            packKey,
                            sizes.get(packKey) + o.size(),
                            store.get(region, key).orElseThrow(() -> gone(region, key))));
                } catch (IllegalArgumentException e) {
                    skipped.add(key + ": " + e.getMessage());
                }
            } else if (key.startsWith(prefix + "backups/") && key.endsWith(".manifest")) {
                try {
                    BackupManifest m = BackupManifest.decode(
                            new ByteArrayInputStream(store.get(region, key).orElseThrow(() -> gone(region, key))));
                    if (!m.tenantId().equals(tenant)) {
                        throw new IllegalArgumentException("names another tenant");
                    }
                    manifests.add(m);
                } catch (IllegalArgumentException e) {
                    skipped.add(key + ": " + e.getMessage());
                }
            }
        }
        long chunks = 0;
        long stored = 0;
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                for (String sql : List.of(
                        "DELETE FROM backup WHERE tenant_id = ?",
                        "DELETE FROM chunk WHERE tenant_id = ?",
                        "DELETE FROM pack WHERE tenant_id = ?",
                        "DELETE FROM tenant_storage WHERE tenant_id = ?")) {
                    try (PreparedStatement s = c.prepareStatement(sql)) {
                        s.setObject(1, tenant);
                        s.executeUpdate();
                    }
                }
                for (IndexedPack p : packs) {
                    try (PreparedStatement s = c.prepareStatement("INSERT INTO pack (id, tenant_id, region, object_key,"
                            + " size_bytes, chunk_count) VALUES (?, ?, ?, ?, ?, ?)")) {
                        s.setObject(1, p.id());
                        s.setObject(2, tenant);
                        s.setString(3, region);
                        s.setString(4, p.key());
                        s.setLong(5, p.size());
                        s.setInt(6, p.chunks().size());
                        s.executeUpdate();
                    }
                    try (PreparedStatement s = c.prepareStatement("INSERT INTO chunk (tenant_id, chunk_id, pack_id,"
                            + " pack_offset, stored_length) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                        for (String[] e : p.chunks()) {
                            s.setObject(1, tenant);
                            s.setBytes(2, ChunkId.parse(e[0]).bytes());
                            s.setObject(3, p.id());
                            s.setLong(4, Long.parseLong(e[1]));
                            s.setInt(5, Integer.parseInt(e[2]));
                            s.addBatch();
                        }
                        s.executeBatch();
                    }
                    chunks += p.chunks().size();
                    stored += p.size();
                }
                try (PreparedStatement s =
                        c.prepareStatement("INSERT INTO tenant_storage (tenant_id, stored_bytes) VALUES (?, ?)")) {
                    s.setObject(1, tenant);
                    s.setLong(2, stored);
                    s.executeUpdate();
                }
                for (BackupManifest m : manifests) {
                    try (PreparedStatement s = c.prepareStatement("INSERT INTO backup (id, tenant_id, cluster_id,"
                            + " source, phase, started_at) VALUES (?, ?, ?, ?, 'InProgress', ?)")) {
                        s.setObject(1, m.backupId());
                        s.setObject(2, tenant);
                        s.setObject(3, m.clusterId());
                        s.setString(4, m.source());
                        s.setTimestamp(5, Timestamp.from(m.startedAt()));
                        s.executeUpdate();
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("catalog unavailable: " + e.getMessage(), e);
        }
        for (BackupManifest m : manifests) {
            String key = PackStore.key(tenant, "backups/" + m.backupId() + ".manifest");
            backups.commitManifest(m, key, sizes.getOrDefault(key, 0L));
        }
        return new Report(tenant, region, packs.size(), chunks, manifests.size(), stored, skipped);
    }

    /** An object listed a moment ago that is gone now: skipped like an unreadable one. */
    private static IllegalArgumentException gone(String region, String key) {
        return new IllegalArgumentException("gone from " + region + " since it was listed");
    }

    private static IndexedPack index(UUID tenant, String packKey, long size, byte[] index) {
        List<String> lines = List.of(new String(index, StandardCharsets.US_ASCII).split("\n"));
        String[] head = lines.isEmpty() ? new String[0] : lines.get(0).trim().split(" ");
        if (head.length != 4 || !head[0].equals("cairn-pack-index") || !head[1].equals("v1")) {
            throw new IllegalArgumentException("not a pack index v1");
        }
        UUID pack = UUID.fromString(head[2]);
        if (!UUID.fromString(head[3]).equals(tenant) || !packKey.endsWith("/packs/" + pack)) {
            throw new IllegalArgumentException("names another pack or tenant");
        }
        List<String[]> chunks = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] e = line.trim().split(" ");
            if (e.length != 3) {
                throw new IllegalArgumentException("bad index line '" + line + "'");
            }
            chunks.add(e);
        }
        return new IndexedPack(pack, packKey, size, Collections.unmodifiableList(chunks));
    }
}
