package dev.cairn.ingest.backup;

import dev.cairn.api.agent.backup.BackupPhase;
import dev.cairn.platform.metrics.PhaseGauges;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/** {@code cairn_backups{phase}}: how many backups are in each phase now, all tenants, counted every 30 s. */
@ApplicationScoped
public class BackupMetrics {
    private static final Logger LOG = Logger.getLogger(BackupMetrics.class);

    private final AgroalDataSource db;
    private final PhaseGauges gauges;

    public BackupMetrics(AgroalDataSource db, MeterRegistry metrics) {
        this.db = db;
        this.gauges = new PhaseGauges(metrics, "cairn.backups", "Backups in each phase now", BackupPhase.class);
    }

    @Scheduled(every = "30s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void count() {
        Map<String, Long> byPhase = new HashMap<>();
        try (Connection c = db.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT phase, count(*) FROM backup GROUP BY phase")) {
            while (rs.next()) {
                byPhase.put(rs.getString(1), rs.getLong(2));
            }
            gauges.set(byPhase);
        } catch (SQLException e) {
            LOG.warnf("backups by phase not counted now: %s", e.getMessage());
        }
    }
}
