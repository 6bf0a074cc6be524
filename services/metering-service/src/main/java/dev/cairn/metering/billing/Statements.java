package dev.cairn.metering.billing;

import dev.cairn.metering.account.Account;
import dev.cairn.metering.account.AccountDirectory;
import dev.cairn.metering.account.PlanTerms;
import dev.cairn.metering.usage.Granularity;
import dev.cairn.metering.usage.UsageHistory;
import dev.cairn.metering.usage.UsagePeriod;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Makes and keeps the monthly statements. Each run, for every tenant that ever stored anything: the current month's
 * statement is recomputed as a Draft; a month that ended more than {@code finalizeAfter} ago is computed one last
 * time and made Final (then the database refuses any change to it). A Draft's lines: stored TB-months and protected
 * cluster-months at the plan's prices, and for every earlier Final month whose usage changed since (late events),
 * an adjustment of the difference at that month's prices.
 */
@ApplicationScoped
public class Statements {
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(Statements.class);
    /** Tenants whose accounts are read from the tenant service in one lookup. */
    private static final int ACCOUNTS_AT_ONCE = 1000;

    private static final String COLUMNS =
            "id, tenant_id, partner_id, month, status, plan, currency, total, computed_at, finalized_at";

    private final AgroalDataSource db;
    private final UsageHistory history;
    private final AccountDirectory accounts;

    public Statements(AgroalDataSource db, UsageHistory history, AccountDirectory accounts) {
        this.db = db;
        this.history = history;
        this.accounts = accounts;
    }

    /** What a run did. */
    public record RunReport(Instant at, int drafts, int finalized, List<String> skipped) {}

    /**
     * Recomputes drafts and finalizes what is due, as of {@code now}; {@code finalizedHook} hears of each statement
     * made Final (after its commit). One run at a time across instances (an advisory lock); a run that finds the
     * lock taken does nothing.
     */
    public RunReport run(Instant now, Duration finalizeAfter, Consumer<Statement> finalizedHook) {
        LocalDate current = month(now);
        int drafts = 0;
        int finalized = 0;
        List<String> skipped = new ArrayList<>();
        try (Connection lock = db.getConnection()) {
            if (!advisoryLock(lock)) {
                return new RunReport(now, 0, 0, List.of("another run is in progress"));
            }
            try {
                List<UUID> all = tenants();
                Map<UUID, Optional<Account>> known = new HashMap<>();
                for (int i = 0; i < all.size(); i++) {
                    UUID tenant = all.get(i);
                    if (i % ACCOUNTS_AT_ONCE == 0) { // the accounts of the next thousand tenants, in one lookup
                        known.clear();
                        try {
                            known.putAll(accounts.findAll(all.subList(i, Math.min(all.size(), i + ACCOUNTS_AT_ONCE))));
                        } catch (RuntimeException e) {
                            LOG.warnf("accounts not read now (%s): their tenants are skipped", e.getMessage());
                        }
                    }
                    Optional<Account> account = known.get(tenant);
                    if (account == null) {
                        skipped.add(tenant + ": its account cannot be read now");
                        continue;
                    }
                    for (LocalDate month : openMonths(tenant, current)) {
                        boolean due = !now.isBefore(month.plusMonths(1)
                                .atStartOfDay(ZoneOffset.UTC)
                                .toInstant()
                                .plus(finalizeAfter));
                        Optional<Statement> made = build(tenant, account, month, due, now, skipped);
                        if (made.isPresent() && due) {
                            finalized++;
                            finalizedHook.accept(made.get());
                        } else if (made.isPresent()) {
                            drafts++;
                        }
                    }
                }
            } finally {
                advisoryUnlock(lock);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("metering database unavailable: " + e.getMessage(), e);
        }
        return new RunReport(now, drafts, finalized, skipped);
    }

    /** The first day of the UTC month of {@code t}. */
    public static LocalDate month(Instant t) {
        return t.atOffset(ZoneOffset.UTC).toLocalDate().withDayOfMonth(1);
    }

    /** Months of the tenant that are not Final yet and need computing: its Draft months, the last one, this one. */
    private List<LocalDate> openMonths(UUID tenant, LocalDate current) throws SQLException {
        List<LocalDate> months = new ArrayList<>();
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT month FROM statement WHERE tenant_id = ?"
                        + " AND status = 'Draft' AND month < ? ORDER BY month")) {
            s.setObject(1, tenant);
            s.setDate(2, Date.valueOf(current));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    months.add(rs.getDate(1).toLocalDate());
                }
            }
        }
        LocalDate previous = current.minusMonths(1);
        if (!months.contains(previous) && find(tenant, previous).isEmpty() && hadUsageBy(tenant, current)) {
            months.add(previous);
        }
        months.add(current);
        return months;
    }

    /** Computes and stores one statement unless it is Final already; the stored statement. */
    private Optional<Statement> build(
            UUID tenant,
            Optional<Account> account,
            LocalDate month,
            boolean finalize,
            Instant now,
            List<String> skipped)
            throws SQLException {
        Optional<Statement> existing = find(tenant, month);
        if (existing.isPresent() && existing.get().status() == StatementStatus.Final) {
            return Optional.empty();
        }
        String planCode = account.map(a -> a.quota().plan())
                .or(() -> existing.map(Statement::plan))
                .orElse(null);
        Optional<PlanTerms> terms = planCode == null ? Optional.empty() : accounts.plan(planCode);
        if (terms.isEmpty()) {
            skipped.add(tenant + " " + month + ": no plan terms");
            return Optional.empty();
        }
        UUID partner = account.map(Account::partnerId)
                .orElse(existing.map(Statement::partnerId).orElse(null));
        List<StatementLine> lines = new ArrayList<>(usageLines(tenant, month, terms.get()));
        lines.addAll(adjustments(tenant, month));
        BigDecimal total = lines.stream().map(StatementLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        Statement statement = new Statement(
                existing.map(Statement::id).orElse(UUID.randomUUID()),
                tenant,
                partner,
                month,
                finalize ? StatementStatus.Final : StatementStatus.Draft,
                terms.get().code(),
                terms.get().currency(),
                total,
                now,
                finalize ? now : null,
                lines);
        store(statement, existing.isPresent());
        return Optional.of(statement);
    }

    /** Storage and cluster lines of a month, at a plan's prices. */
    private List<StatementLine> usageLines(UUID tenant, LocalDate month, PlanTerms terms) {
        UsagePeriod used = usage(tenant, month);
        BigDecimal tbMonths = StatementMath.tbMonths(used.storedByteHours(), month);
        BigDecimal clusters = BigDecimal.valueOf(used.protectedClusters());
        return List.of(
                new StatementLine(
                        "storage",
                        "Stored data, time-weighted (" + used.storedByteHours().toPlainString() + " byte-hours)",
                        month,
                        tbMonths,
                        "TB-month",
                        terms.pricePerTbMonth(),
                        StatementMath.amount(tbMonths, terms.pricePerTbMonth())),
                new StatementLine(
                        "clusters",
                        "Protected clusters (a backup finished in the month)",
                        month,
                        clusters,
                        "cluster-month",
                        terms.pricePerClusterMonth(),
                        StatementMath.amount(clusters, terms.pricePerClusterMonth())));
    }

    /**
     * For each earlier Final month of the tenant: what its usage is now minus what was billed for it (its own lines
     * and the adjustments of Final statements since), at that month's prices; nothing when they agree.
     */
    private List<StatementLine> adjustments(UUID tenant, LocalDate month) throws SQLException {
        Map<LocalDate, Map<String, BigDecimal>> billed = new HashMap<>();
        Map<LocalDate, Map<String, BigDecimal>> prices = new HashMap<>();
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT l.for_month, l.kind, l.quantity, l.unit_price"
                        + " FROM statement_line l JOIN statement s ON s.id = l.statement_id WHERE s.tenant_id = ?"
                        + " AND s.status = 'Final' AND s.month < ? ORDER BY s.month, l.line_no")) {
            s.setObject(1, tenant);
            s.setDate(2, Date.valueOf(month));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    LocalDate forMonth = rs.getDate(1).toLocalDate();
                    String kind = rs.getString(2).replace("adjustment-", "");
                    billed.computeIfAbsent(forMonth, m -> new HashMap<>())
                            .merge(kind, rs.getBigDecimal(3), BigDecimal::add);
                    if (!rs.getString(2).startsWith("adjustment-")) {
                        prices.computeIfAbsent(forMonth, m -> new HashMap<>()).put(kind, rs.getBigDecimal(4));
                    }
                }
            }
        }
        List<StatementLine> lines = new ArrayList<>();
        for (Map.Entry<LocalDate, Map<String, BigDecimal>> m : prices.entrySet()) {
            UsagePeriod now = usage(tenant, m.getKey());
            Map<String, BigDecimal> current = Map.of(
                    "storage", StatementMath.tbMonths(now.storedByteHours(), m.getKey()),
                    "clusters", BigDecimal.valueOf(now.protectedClusters()));
            for (Map.Entry<String, BigDecimal> price : m.getValue().entrySet()) {
                BigDecimal delta = current.get(price.getKey())
                        .subtract(billed.get(m.getKey()).getOrDefault(price.getKey(), BigDecimal.ZERO));
                if (delta.signum() != 0) {
                    lines.add(new StatementLine(
                            "adjustment-" + price.getKey(),
                            "Late usage of " + m.getKey().toString().substring(0, 7) + " (final statement unchanged)",
                            m.getKey(),
                            delta,
                            price.getKey().equals("storage") ? "TB-month" : "cluster-month",
                            price.getValue(),
                            StatementMath.amount(delta, price.getValue())));
                }
            }
        }
        lines.sort(java.util.Comparator.comparing(StatementLine::forMonth).thenComparing(StatementLine::kind));
        return lines;
    }

    private UsagePeriod usage(UUID tenant, LocalDate month) {
        Instant from = month.atStartOfDay(ZoneOffset.UTC).toInstant();
        return history.periods(tenant, Granularity.month, from, Granularity.month.next(from))
                .getFirst();
    }

    private void store(Statement st, boolean exists) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (exists) {
                    try (PreparedStatement s =
                            c.prepareStatement("DELETE FROM statement_line WHERE statement_id = ?")) {
                        s.setObject(1, st.id());
                        s.executeUpdate();
                    }
                    try (PreparedStatement s = c.prepareStatement("UPDATE statement SET partner_id = ?, status = ?,"
                            + " plan = ?, currency = ?, total = ?, computed_at = ?, finalized_at = ? WHERE id = ?")) {
                        s.setObject(1, st.partnerId());
                        s.setString(2, st.status().name());
                        s.setString(3, st.plan());
                        s.setString(4, st.currency());
                        s.setBigDecimal(5, st.total());
                        s.setTimestamp(6, Timestamp.from(st.computedAt()));
                        s.setTimestamp(7, st.finalizedAt() == null ? null : Timestamp.from(st.finalizedAt()));
                        s.setObject(8, st.id());
                        s.executeUpdate();
                    }
                } else {
                    try (PreparedStatement s = c.prepareStatement(
                            "INSERT INTO statement (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                        s.setObject(1, st.id());
                        s.setObject(2, st.tenantId());
                        s.setObject(3, st.partnerId());
                        s.setDate(4, Date.valueOf(st.month()));
                        s.setString(5, st.status().name());
                        s.setString(6, st.plan());
                        s.setString(7, st.currency());
                        s.setBigDecimal(8, st.total());
                        s.setTimestamp(9, Timestamp.from(st.computedAt()));
                        s.setTimestamp(10, st.finalizedAt() == null ? null : Timestamp.from(st.finalizedAt()));
                        s.executeUpdate();
                    }
                }
                try (PreparedStatement s = c.prepareStatement(
                        "INSERT INTO statement_line (statement_id, line_no, kind,"
                                + " description, for_month, quantity, unit, unit_price, amount) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    int n = 0;
                    for (StatementLine l : st.lines()) {
                        s.setObject(1, st.id());
                        s.setInt(2, ++n);
                        s.setString(3, l.kind());
                        s.setString(4, l.description());
                        s.setDate(5, Date.valueOf(l.forMonth()));
                        s.setBigDecimal(6, l.quantity());
                        s.setString(7, l.unit());
                        s.setBigDecimal(8, l.unitPrice());
                        s.setBigDecimal(9, l.amount());
                        s.addBatch();
                    }
                    s.executeBatch();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** The tenant's statement of a month, with its lines. */
    public Optional<Statement> find(UUID tenant, LocalDate month) throws SQLException {
        return one("tenant_id = ? AND month = ?", tenant, Date.valueOf(month));
    }

    /** A statement by id, if it is of one of the partner's customers (null partner: any, for operators). */
    public Optional<Statement> get(UUID id, UUID partner) {
        try {
            return partner == null ? one("id = ?", id) : one("id = ? AND partner_id = ?", id, partner);
        } catch (SQLException e) {
            throw new IllegalStateException("metering database unavailable: " + e.getMessage(), e);
        }
    }

    /** A statement by id if it is the tenant's: another tenant's is as absent as an unknown one. */
    public Optional<Statement> ofTenant(UUID id, UUID tenant) {
        try {
            return one("id = ? AND tenant_id = ?", id, tenant);
        } catch (SQLException e) {
            throw new IllegalStateException("metering database unavailable: " + e.getMessage(), e);
        }
    }

    /** The tenant's statements of months before {@code before} (all when null), newest first, with their lines. */
    public List<Statement> ofTenant(UUID tenant, LocalDate before, int limit) {
        try {
            return many(
                    "tenant_id = ? AND month < ? ORDER BY month DESC LIMIT ?",
                    tenant,
                    Date.valueOf(before == null ? LocalDate.of(9999, 1, 1) : before),
                    limit);
        } catch (SQLException e) {
            throw new IllegalStateException("metering database unavailable: " + e.getMessage(), e);
        }
    }

    /** The partner's statements of a month after tenant {@code after}, in tenant id order, with their lines. */
    public List<Statement> ofPartner(UUID partner, LocalDate month, UUID after, int limit) {
        try {
            return many(
                    "partner_id = ? AND month = ? AND tenant_id > ? ORDER BY tenant_id LIMIT ?",
                    partner,
                    Date.valueOf(month),
                    after == null ? new UUID(0, 0) : after,
                    limit);
        } catch (SQLException e) {
            throw new IllegalStateException("metering database unavailable: " + e.getMessage(), e);
        }
    }

    /** Totals of a month per partner and currency (partners after {@code after}, in id order): operators' view. */
    public List<PartnerTotal> partnerTotals(LocalDate month, UUID partner, UUID after, int limit) {
        List<PartnerTotal> totals = new ArrayList<>();
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT partner_id, currency, count(*), sum(total),"
                        + " bool_and(status = 'Final') FROM statement WHERE month = ? AND partner_id IS NOT NULL"
                        + " AND (?::uuid IS NULL OR partner_id = ?::uuid) AND partner_id > ?"
                        + " GROUP BY partner_id, currency ORDER BY partner_id, currency LIMIT ?")) {
            s.setDate(1, Date.valueOf(month));
            s.setObject(2, partner);
            s.setObject(3, partner);
            s.setObject(4, after == null ? new UUID(0, 0) : after);
            s.setInt(5, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    totals.add(new PartnerTotal(
                            rs.getObject(1, UUID.class),
                            month,
                            rs.getString(2),
                            rs.getInt(3),
                            rs.getBigDecimal(4),
                            rs.getBoolean(5) ? StatementStatus.Final : StatementStatus.Draft));
                }
            }
            return totals;
        } catch (SQLException e) {
            throw new IllegalStateException("metering database unavailable: " + e.getMessage(), e);
        }
    }

    private Optional<Statement> one(String where, Object... params) throws SQLException {
        List<Statement> found = many(where + " LIMIT 1", params);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
    }

    /** The statements that {@code where} selects (with its ORDER BY, if any), each with its lines: two queries. */
    private List<Statement> many(String where, Object... params) throws SQLException {
        try (Connection c = db.getConnection()) {
            List<Statement> heads = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM statement WHERE " + where)) {
                for (int i = 0; i < params.length; i++) {
                    s.setObject(i + 1, params[i]);
                }
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        heads.add(new Statement(
                                rs.getObject(1, UUID.class),
                                rs.getObject(2, UUID.class),
                                rs.getObject(3, UUID.class),
                                rs.getDate(4).toLocalDate(),
                                StatementStatus.valueOf(rs.getString(5)),
                                rs.getString(6),
                                rs.getString(7),
                                rs.getBigDecimal(8),
                                rs.getTimestamp(9).toInstant(),
                                rs.getTimestamp(10) == null
                                        ? null
                                        : rs.getTimestamp(10).toInstant(),
                                List.of()));
                    }
                }
            }
            if (heads.isEmpty()) {
                return heads;
            }
            Map<UUID, List<StatementLine>> lines = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT statement_id, kind, description, for_month, quantity,"
                    + " unit, unit_price, amount FROM statement_line WHERE statement_id = ANY (?)"
                    + " ORDER BY statement_id, line_no")) {
                s.setArray(
                        1,
                        c.createArrayOf(
                                "uuid", heads.stream().map(Statement::id).toArray()));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        lines.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                                .add(new StatementLine(
                                        rs.getString(2),
                                        rs.getString(3),
                                        rs.getDate(4).toLocalDate(),
                                        rs.getBigDecimal(5).stripTrailingZeros(),
                                        rs.getString(6),
                                        rs.getBigDecimal(7).stripTrailingZeros(),
                                        rs.getBigDecimal(8)));
                    }
                }
            }
            return heads.stream()
                    .map(h -> new Statement(
                            h.id(),
                            h.tenantId(),
                            h.partnerId(),
                            h.month(),
                            h.status(),
                            h.plan(),
                            h.currency(),
                            h.total(),
                            h.computedAt(),
                            h.finalizedAt(),
                            List.copyOf(lines.getOrDefault(h.id(), List.of()))))
                    .toList();
        }
    }

    /** Tenants that ever stored anything, or have a statement. */
    private List<UUID> tenants() throws SQLException {
        List<UUID> tenants = new ArrayList<>();
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT tenant_id FROM tenant_usage UNION"
                        + " SELECT DISTINCT tenant_id FROM usage_hour UNION SELECT DISTINCT tenant_id FROM statement");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                tenants.add(rs.getObject(1, UUID.class));
            }
        }
        return tenants;
    }

    private boolean hadUsageBy(UUID tenant, LocalDate month) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement s =
                        c.prepareStatement("SELECT 1 FROM usage_hour WHERE tenant_id = ? AND hour < ? LIMIT 1")) {
            s.setObject(1, tenant);
            s.setTimestamp(2, Timestamp.from(month.atStartOfDay(ZoneOffset.UTC).toInstant()));
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Whether no run holds the runs' lock now (tried and let go at once, on {@code c}). */
    static boolean lockFree(Connection c) throws SQLException {
        if (!advisoryLock(c)) {
            return false;
        }
        advisoryUnlock(c);
        return true;
    }

    private static boolean advisoryLock(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT pg_try_advisory_lock(hashtext('cairn.statements'))");
                ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static void advisoryUnlock(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT pg_advisory_unlock(hashtext('cairn.statements'))")) {
            s.executeQuery().close();
        }
    }
}
