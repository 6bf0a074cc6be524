package dev.cairn.metering.usage;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
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
import java.util.UUID;

/**
 * Usage over time from the hourly aggregates. Every hour of the span counts, with or without events: an hour without
 * any holds the bytes stored at its start for the whole hour. Days and months are sums (and maxima) of their hours.
 */
@ApplicationScoped
public class UsageHistory {
    /** Microseconds in an hour: the unit of {@code usage_hour.stored_weighted} is byte-microseconds. */
    static final BigDecimal HOUR_MICROS = BigDecimal.valueOf(3_600_000_000L);

    private static final String PERIODS = """
            WITH base AS (
                SELECT coalesce(sum(stored_delta), 0) AS s0, coalesce(sum(connected_delta), 0) AS c0
                FROM usage_hour WHERE tenant_id = ? AND hour < ?
            ), hours AS (
                SELECT g AS hour FROM generate_series(?::timestamptz, ?::timestamptz - interval '1 hour',
                    interval '1 hour') g
            ), h AS (
                SELECT hours.hour, coalesce(u.stored_delta, 0) AS d, coalesce(u.stored_weighted, 0) AS w,
                    coalesce(u.peak_offset, 0) AS p, coalesce(u.ingested_bytes, 0) AS ingested,
                    coalesce(u.protected_bytes, 0) AS protected, coalesce(u.new_bytes, 0) AS new,
                    coalesce(u.restored_bytes, 0) AS restored, coalesce(u.replicated_bytes, 0) AS replicated,
                    coalesce(u.backups, 0) AS backups, coalesce(u.connected_delta, 0) AS cd
                FROM hours LEFT JOIN usage_hour u ON u.tenant_id = ? AND u.hour = hours.hour
            ), r AS (
                SELECT h.*, (SELECT s0 FROM base) + coalesce(sum(d) OVER (ORDER BY hour
                    ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS s,
                    (SELECT c0 FROM base) + sum(cd) OVER (ORDER BY hour) AS c
                FROM h
            )
            SELECT date_trunc(?, hour, 'UTC') AS period,
                sum(s * 3600000000 + w), max(s + p), (array_agg(s + d ORDER BY hour DESC))[1],
                sum(ingested), sum(protected), sum(new), sum(restored), sum(replicated), sum(backups),
                (array_agg(c ORDER BY hour DESC))[1]
            FROM r GROUP BY 1 ORDER BY 1
            """;

    private static final String CLUSTERS = """
            SELECT date_trunc(?, hour, 'UTC'), count(DISTINCT cluster_id) FROM usage_cluster_hour
            WHERE tenant_id = ? AND hour >= ? AND hour < ? GROUP BY 1
            """;

    private final AgroalDataSource db;

    public UsageHistory(AgroalDataSource db) {
        this.db = db;
    }

    /** The tenant's usage in each period of {@code granularity} in [from, to); both are period starts. */
    public List<UsagePeriod> periods(UUID tenant, Granularity granularity, Instant from, Instant to) {
        List<UsagePeriod> periods = new ArrayList<>();
        if (!from.isBefore(to)) {
            return periods;
        }
        try (Connection c = db.getConnection()) {
            Map<Instant, Long> clusters = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement(CLUSTERS)) {
                s.setString(1, granularity.name());
                s.setObject(2, tenant);
                s.setTimestamp(3, Timestamp.from(from));
                s.setTimestamp(4, Timestamp.from(to));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        clusters.put(rs.getTimestamp(1).toInstant(), rs.getLong(2));
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement(PERIODS)) {
                s.setObject(1, tenant);
                s.setTimestamp(2, Timestamp.from(from));
                s.setTimestamp(3, Timestamp.from(from));
                s.setTimestamp(4, Timestamp.from(to));
                s.setObject(5, tenant);
                s.setString(6, granularity.name());
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        Instant start = rs.getTimestamp(1).toInstant();
                        periods.add(new UsagePeriod(
                                start,
                                granularity.next(start),
                                byteHours(rs.getBigDecimal(2)),
                                rs.getLong(3),
                                rs.getLong(4),
                                rs.getLong(5),
                                rs.getLong(6),
                                rs.getLong(7),
                                rs.getLong(8),
                                rs.getLong(9),
                                rs.getLong(10),
                                clusters.getOrDefault(start, 0L),
                                rs.getLong(11)));
                    }
                }
            }
            return periods;
        } catch (SQLException e) {
            throw new IllegalStateException("metering database unavailable: " + e.getMessage(), e);
        }
    }

    /** Byte-microseconds as byte-hours, to six decimals (a byte held for 3.6 ms is 0.000001 byte-hours). */
    static BigDecimal byteHours(BigDecimal byteMicros) {
        return byteMicros.divide(HOUR_MICROS, 6, RoundingMode.HALF_EVEN).stripTrailingZeros();
    }
}
