package dev.cairn.ingest.upload;

import dev.cairn.api.agent.backup.BackupPhase;
import dev.cairn.api.agent.backup.PackUpload;
import dev.cairn.ingest.IngestConfig;
import dev.cairn.ingest.agent.AgentIdentity;
import dev.cairn.ingest.backup.Backup;
import dev.cairn.ingest.backup.BackupService;
import dev.cairn.ingest.backup.UrlSigner;
import dev.cairn.ingest.pack.PackStore;
import dev.cairn.ingest.pack.RegionHealth;
import dev.cairn.platform.problem.ProblemException;
import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Upload slots: hands an agent a fresh pack id with a pre-signed PUT URL for that pack's object, and decides whether a
 * pack reference record may commit the pack it announces. A slot lives in {@code upload_slot}: the commit that uses
 * it marks it used in its own transaction; it is forgotten a grace period after its URL expired.
 */
@ApplicationScoped
public class UploadSlots {
    private static final Logger LOG = Logger.getLogger(UploadSlots.class);

    private final AgroalDataSource db;
    private final BackupService backups;
    private final UrlSigner signer;
    private final PackStore store;
    private final RegionHealth health;
    private final IngestConfig config;

    public UploadSlots(
            AgroalDataSource db,
            BackupService backups,
            UrlSigner signer,
            PackStore store,
            RegionHealth health,
            IngestConfig config) {
        this.db = db;
        this.backups = backups;
        this.signer = signer;
        this.store = store;
        this.health = health;
        this.config = config;
    }

    /**
     * A slot for one pack of the agent's backup in progress, in its tenant's home region. With an
     * {@code idempotencyKey}, a repeated request answers the same slot (with a freshly signed URL); the same key for
     * another backup is refused.
     */
    public PackUpload issue(AgentIdentity agent, UUID backupId, String idempotencyKey) {
        Backup backup = backups.get(agent.tenantId(), backupId);
        if (!backup.clusterId().equals(agent.clusterId())) {
            throw new ProblemException(
                    403,
                    "not-your-backup",
                    "Not this agent's backup",
                    "only the agent that started a backup uploads its packs");
        }
        if (backup.phase() != BackupPhase.InProgress) {
            throw new ProblemException(
                    409,
                    "backup-not-in-progress",
                    "Backup not in progress",
                    "backup " + backupId + " is " + backup.phase()
                            + "; packs are uploaded only while it is InProgress");
        }
        if (!health.up(agent.homeRegion())) {
            throw new ProblemException(
                    409,
                    "home-region-unavailable",
                    "Home region unavailable",
                    "the tenant's home region " + agent.homeRegion() + " does not answer");
        }
        Instant expires = Instant.now().plus(config.uploadUrlTtl());
        UUID pack = UUID.randomUUID();
        try (Connection c = db.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO upload_slot (pack_id, tenant_id, agent_id,"
                    + " backup_id, region, max_bytes, idempotency_key, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (agent_id, idempotency_key) DO NOTHING")) {
                s.setObject(1, pack);
                s.setObject(2, agent.tenantId());
                s.setObject(3, agent.clusterId());
                s.setObject(4, backupId);
                s.setString(5, agent.homeRegion());
                s.setLong(6, config.uploadMaxBytes());
                s.setString(7, idempotencyKey);
                s.setTimestamp(8, Timestamp.from(expires));
                if (s.executeUpdate() == 0) {
                    return repeated(c, agent, backupId, idempotencyKey, expires);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("catalog unavailable: " + e.getMessage(), e);
        }
        return answer(pack, agent.tenantId(), agent.homeRegion(), expires, config.uploadMaxBytes());
    }

    private PackUpload repeated(Connection c, AgentIdentity agent, UUID backupId, String key, Instant expires)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE upload_slot SET expires_at = ? WHERE agent_id = ?"
                        + " AND idempotency_key = ? AND backup_id = ? AND used_at IS NULL RETURNING pack_id, region, max_bytes")) {
            s.setTimestamp(1, Timestamp.from(expires));
            s.setObject(2, agent.clusterId());
            s.setString(3, key);
            s.setObject(4, backupId);
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    return answer(
                            rs.getObject(1, UUID.class), agent.tenantId(), rs.getString(2), expires, rs.getLong(3));
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement(
                "SELECT 1 FROM upload_slot WHERE agent_id = ? AND idempotency_key = ? AND backup_id <> ?")) {
            s.setObject(1, agent.clusterId());
            s.setString(2, key);
            s.setObject(3, backupId);
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    throw ProblemException.idempotencyKeyReused(
                            "this Idempotency-Key was used for another backup's slot; use a new key");
                }
            }
        }
        // used by a commit: its pack is in the catalog, and no URL for it is signed again; a new key asks anew
        throw new ProblemException(
                409,
                "upload-slot-used",
                "Upload slot used",
                "the slot of this Idempotency-Key has been used by a committed pack; use a new key");
    }

    private PackUpload answer(UUID pack, UUID tenant, String region, Instant expires, long maxBytes) {
        String key = PackStore.key(tenant, PackStore.packName(pack));
        return new PackUpload(
                pack, signer.presignPut(region, key, config.uploadUrlTtl()).toString(), expires, maxBytes);
    }

    /**
     * What {@link #check} decides: the region the pack was uploaded to, or why it may not be committed.
     *
     * @param region the slot's region (where the object is), when accepted
     * @param refusal why not, when refused
     */
    public record Check(String region, String refusal) {
        public static Check refused(String reason) {
            return new Check(null, reason);
        }

        public boolean accepted() {
            return refusal == null;
        }
    }

    /**
     * Whether the pack a verified record announces may be committed: its slot must be of the record's tenant, agent
     * and backup and not used yet, and the object in the slot's region must be the size and MD5 (the entity tag of a
     * single PUT) the record vouches for. A commit of the pack marks the slot used, so a replayed or repeated record
     * finds none open.
     */
    public Check check(UUID tenant, UUID agent, UUID backup, UUID pack, long size, byte[] md5) {
        String region;
        long maxBytes;
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT tenant_id, agent_id, backup_id, region, max_bytes"
                        + " FROM upload_slot WHERE pack_id = ? AND used_at IS NULL")) {
            s.setObject(1, pack);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()
                        || !tenant.equals(rs.getObject(1, UUID.class))
                        || !agent.equals(rs.getObject(2, UUID.class))
                        || !backup.equals(rs.getObject(3, UUID.class))) {
                    return Check.refused("pack " + pack + " has no open upload slot of this agent and backup");
                }
                region = rs.getString(4);
                maxBytes = rs.getLong(5);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("catalog unavailable: " + e.getMessage(), e);
        }
        if (size > maxBytes) {
            return Check.refused("pack " + pack + " of " + size + " bytes is larger than its slot's " + maxBytes);
        }
        Optional<PackStore.Head> head = store.head(region, PackStore.key(tenant, PackStore.packName(pack)));
        if (head.isEmpty()) {
            return Check.refused("pack " + pack + " was not uploaded");
        }
        String expected = HexFormat.of().formatHex(md5);
        if (head.get().size() != size || !head.get().etag().equalsIgnoreCase(expected)) {
            return Check.refused("the uploaded object of pack " + pack + " ("
                    + head.get().size() + " bytes, MD5 "
                    + head.get().etag() + ") is not what the record vouches for (" + size + " bytes, MD5 " + expected
                    + ")");
        }
        return new Check(region, null);
    }

    /** Forgets slots whose URL expired more than the grace period ago: their objects become orphans for the sweep. */
    @Scheduled(every = "1h", delayed = "10m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetLapsed() {
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("DELETE FROM upload_slot WHERE expires_at < ?")) {
            s.setTimestamp(1, Timestamp.from(Instant.now().minus(config.uploadSlotGrace())));
            int forgotten = s.executeUpdate();
            if (forgotten > 0) {
                LOG.infof("%d upload slot(s) lapsed unused", forgotten);
            }
        } catch (SQLException e) {
            LOG.warnf("lapsed upload slots stay until the next run: %s", e.getMessage());
        }
    }
}
