package dev.cairn.metering.quota;

import dev.cairn.platform.usage.QuotaLevel;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * The quotas at a glance, counted from the catalog every 30 s: {@code cairn_quota_tenants{level}} (tenants at each
 * level, as their last check left them) and {@code cairn_quota_usage_ratio_max} (the highest stored bytes over limit
 * of any tenant with a quota). Registered at start, as 0, so that the dashboard and the alerts find them at once.
 */
@io.quarkus.runtime.Startup
@ApplicationScoped
public class QuotaMetrics {
    private static final Logger LOG = Logger.getLogger(QuotaMetrics.class);

    private final AgroalDataSource db;
    private final AtomicReference<Counted> last =
            new AtomicReference<>(new Counted(new EnumMap<>(QuotaLevel.class), 0));

    /**
     * One count.
     *
     * @param tenants tenants by level
     * @param maxRatio the highest usage ratio
     */
    record Counted(Map<QuotaLevel, Long> tenants, double maxRatio) {}

    public QuotaMetrics(AgroalDataSource db, MeterRegistry metrics) {
        this.db = db;
        for (QuotaLevel level : QuotaLevel.values()) {
            Gauge.builder("cairn.quota.tenants", last, c -> c.get().tenants().getOrDefault(level, 0L))
                    .description("Tenants at each quota level (Ok under 80 %, Warning from 80 %, Exceeded at 100 %)")
                    .tag("level", level.name())
                    .register(metrics);
        }
        Gauge.builder("cairn.quota.usage.ratio.max", last, c -> c.get().maxRatio())
                .description("The highest stored bytes over quota limit of any tenant (1 is at the limit)")
                .register(metrics);
    }

    @Scheduled(
            every = "${cairn.metering.quota-metrics-every:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void count() {
        Map<QuotaLevel, Long> tenants = new EnumMap<>(QuotaLevel.class);
        double max = 0;
        try (Connection c = db.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("SELECT level, count(*) FROM quota_state GROUP BY level");
                    ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    tenants.put(QuotaLevel.valueOf(rs.getString(1)), rs.getLong(2));
                }
            }
            try (PreparedStatement s = c.prepareStatement("SELECT coalesce(max(u.stored_bytes::float8 / q.limit_bytes),"
                            + " 0) FROM quota_state q JOIN tenant_usage u ON u.tenant_id = q.tenant_id"
                            + " WHERE q.limit_bytes > 0");
                    ResultSet rs = s.executeQuery()) {
                rs.next();
                max = rs.getDouble(1);
            }
        } catch (SQLException e) {
            LOG.warnf("quota metrics not counted now: %s", e.getMessage());
            return;
        }
        last.set(new Counted(tenants, max));
    }
}
