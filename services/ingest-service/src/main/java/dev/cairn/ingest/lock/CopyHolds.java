package dev.cairn.ingest.lock;

import dev.cairn.ingest.IngestConfig;
import dev.cairn.ingest.pack.PackStore;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Holds the DR copies of immutable backups' objects (their manifests, packs and pack indexes) as their home objects
 * are held: every {@code cairn.ingest.object-lock.copies-every}, each copy whose object is held later than the copy
 * is gets object lock in its region until the object's date, then the catalog records it ({@code
 * object_copy.locked_until}). A sweep rather than a step of the lock or of the copy: whichever of the two comes first,
 * and a region that does not answer now, the next round holds what is left (ADR 0033).
 */
@ApplicationScoped
public class CopyHolds {
    private static final Logger LOG = Logger.getLogger(CopyHolds.class);

    /** Copies of held objects held less long than their objects, earliest date first. */
    static final String UNHELD = """
            SELECT o.object_key, o.region, h.until FROM (
                SELECT object_key, locked_until AS until FROM pack WHERE locked_until > now()
                UNION ALL
                SELECT object_key || '%s', locked_until FROM pack WHERE locked_until > now()
                UNION ALL
                SELECT manifest_key, locked_until FROM backup WHERE locked_until > now() AND manifest_key IS NOT NULL
            ) h JOIN object_copy o ON o.object_key = h.object_key
            WHERE o.locked_until IS NULL OR o.locked_until < h.until
            ORDER BY h.until LIMIT ?""".formatted(PackStore.INDEX_SUFFIX);

    private final AgroalDataSource db;
    private final ObjectLock objectLock;
    private final IngestConfig.ObjectLock config;
    private final AtomicLong unheld = new AtomicLong();

    public CopyHolds(AgroalDataSource db, ObjectLock objectLock, IngestConfig config, MeterRegistry metrics) {
        this.db = db;
        this.objectLock = objectLock;
        this.config = config.objectLock();
        Gauge.builder("cairn.object.lock.copies.unheld", unheld, AtomicLong::get)
                .description("DR copies of held objects that the last round could not hold yet")
                .register(metrics);
    }

    @Scheduled(
            every = "${cairn.ingest.object-lock.copies-every:1m}",
            delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            hold();
        } catch (RuntimeException e) {
            LOG.warnf("holding DR copies stopped: %s", e.getMessage());
        }
    }

    /** A copy to hold. */
    record Copy(String key, String region, Instant until) {}

    /** Holds the copies not held as long as their objects (a round's worth); how many it held. */
    public int hold() {
        List<Copy> copies = unheld(config.copiesPerRound());
        int held = 0;
        // per region: how many copies it did not hold this round, and the first one's reason (a line a region)
        Map<String, Integer> refused = new TreeMap<>();
        Map<String, String> first = new HashMap<>();
        for (Copy copy : copies) {
            try {
                // the store first, then the catalog: a catalog that says "held" is never ahead of the store
                objectLock.retain(copy.region(), copy.key(), copy.until(), config.mode());
                record(copy);
                held++;
            } catch (RuntimeException e) {
                refused.merge(copy.region(), 1, Integer::sum);
                first.putIfAbsent(
                        copy.region(), "the copy of " + copy.key() + " until " + copy.until() + ": " + e.getMessage());
            }
        }
        refused.forEach((region, n) -> LOG.warnf(
                "%d copies in %s are not held as long as their objects yet; %s", n, region, first.get(region)));
        unheld.set(copies.size() - held);
        return held;
    }

    private List<Copy> unheld(int limit) {
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement(UNHELD)) {
            s.setInt(1, limit);
            List<Copy> copies = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    copies.add(new Copy(
                            rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()));
                }
            }
            return copies;
        } catch (SQLException e) {
            throw new IllegalStateException("catalog unavailable: " + e.getMessage(), e);
        }
    }

    /** Records the copy's hold; dates only grow. */
    private void record(Copy copy) {
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("UPDATE object_copy SET locked_until = ? WHERE object_key = ?"
                        + " AND region = ? AND (locked_until IS NULL OR locked_until < ?)")) {
            Timestamp until = Timestamp.from(copy.until());
            s.setTimestamp(1, until);
            s.setString(2, copy.key());
            s.setString(3, copy.region());
            s.setTimestamp(4, until);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("catalog unavailable: " + e.getMessage(), e);
        }
    }
}
