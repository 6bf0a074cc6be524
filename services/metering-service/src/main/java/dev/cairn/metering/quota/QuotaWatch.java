package dev.cairn.metering.quota;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.cairn.metering.account.Account;
import dev.cairn.metering.account.AccountDirectory;
import dev.cairn.metering.webhook.WebhookEventType;
import dev.cairn.platform.usage.Quota;
import dev.cairn.platform.usage.QuotaLevel;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * After each counted batch, compares the tenants it touched with their quotas: a change of level is recorded with a
 * notice (a tenant reaching 80 % gets one warning, not one per event; falling back under and rising again gives
 * another) and, at 80 % and 100 %, a notification for the tenant's partner in the same transaction (sent as a
 * webhook by {@code NoticeRelay}: a crash after the commit loses no warning).
 */
@ApplicationScoped
public class QuotaWatch {
    private static final Logger LOG = Logger.getLogger(QuotaWatch.class);

    private final AgroalDataSource db;
    private final AccountDirectory directory;

    public QuotaWatch(AgroalDataSource db, AccountDirectory directory) {
        this.db = db;
        this.directory = directory;
    }

    /**
     * A tenant's standing: its stored bytes and connected clusters, quota and level (Ok with no quota when the tenant
     * service is away).
     */
    public record Standing(long storedBytes, long connectedClusters, Optional<Quota> quota, QuotaLevel level) {}

    /**
     * Checks the tenants' levels, in one transaction; when their quotas cannot be read now, they are checked with their
     * next batch.
     */
    public void check(Collection<UUID> tenants) {
        Map<UUID, Optional<Account>> accounts;
        try {
            accounts = new TreeMap<>(directory.findAll(tenants));
        } catch (RuntimeException e) {
            LOG.warnf("quota levels of %d tenant(s) not checked now: %s", tenants.size(), e.getMessage());
            return;
        }
        standings(accounts);
    }

    /**
     * The tenant's standing now, recording a change of level with a notice.
     *
     * @throws IllegalStateException when its quota cannot be read now
     */
    public Standing standing(UUID tenant) {
        return standings(Map.of(tenant, directory.find(tenant))).get(tenant);
    }

    private Map<UUID, Standing> standings(Map<UUID, Optional<Account>> accounts) {
        Map<UUID, Standing> standings = new HashMap<>();
        if (accounts.isEmpty()) {
            return standings;
        }
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                Object[] ids = accounts.keySet().toArray();
                Map<UUID, long[]> usage = new HashMap<>();
                try (PreparedStatement s = c.prepareStatement("SELECT tenant_id, stored_bytes, connected_clusters"
                        + " FROM tenant_usage WHERE tenant_id = ANY (?)")) {
                    s.setArray(1, c.createArrayOf("uuid", ids));
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            usage.put(rs.getObject(1, UUID.class), new long[] {rs.getLong(2), rs.getLong(3)});
                        }
                    }
                }
                Map<UUID, String> before = new HashMap<>();
                try (PreparedStatement s = c.prepareStatement("SELECT tenant_id, level FROM quota_state"
                        + " WHERE tenant_id = ANY (?) ORDER BY tenant_id FOR UPDATE")) {
                    s.setArray(1, c.createArrayOf("uuid", ids));
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            before.put(rs.getObject(1, UUID.class), rs.getString(2));
                        }
                    }
                }
                try (PreparedStatement state = c.prepareStatement(
                                "INSERT INTO quota_state (tenant_id, plan, limit_bytes, level) VALUES (?, ?, ?, ?)"
                                        + " ON CONFLICT (tenant_id) DO UPDATE SET plan = EXCLUDED.plan,"
                                        + " limit_bytes = EXCLUDED.limit_bytes, level = EXCLUDED.level,"
                                        + " changed_at = now()");
                        PreparedStatement notice = c.prepareStatement("INSERT INTO quota_notice (id, tenant_id,"
                                + " level, used_bytes, limit_bytes, plan) VALUES (?, ?, ?, ?, ?, ?)");
                        PreparedStatement tell = c.prepareStatement("INSERT INTO notification (id, tenant_id, type,"
                                + " at, data) VALUES (?, ?, ?, now(), ?)")) {
                    for (Map.Entry<UUID, Optional<Account>> a : accounts.entrySet()) {
                        UUID tenant = a.getKey();
                        long[] used = usage.getOrDefault(tenant, new long[2]);
                        Optional<Quota> quota = a.getValue().map(Account::quota);
                        QuotaLevel level = quota.map(q -> q.level(used[0])).orElse(QuotaLevel.Ok);
                        standings.put(tenant, new Standing(used[0], used[1], quota, level));
                        String was = before.get(tenant);
                        if (quota.isEmpty() || level.name().equals(was)) {
                            continue;
                        }
                        state.setObject(1, tenant);
                        state.setString(2, quota.get().plan());
                        state.setLong(3, quota.get().limitBytes());
                        state.setString(4, level.name());
                        state.addBatch();
                        if (level != QuotaLevel.Ok || was != null) {
                            UUID id = UUID.randomUUID();
                            notice.setObject(1, id);
                            notice.setObject(2, tenant);
                            notice.setString(3, level.name());
                            notice.setLong(4, used[0]);
                            notice.setLong(5, quota.get().limitBytes());
                            notice.setString(6, quota.get().plan());
                            notice.addBatch();
                            if (level != QuotaLevel.Ok) {
                                tell.setObject(1, id);
                                tell.setObject(2, tenant);
                                tell.setString(3, webhookType(level).wireName());
                                tell.setString(4, webhookData(a.getValue().get(), level, used[0]));
                                tell.addBatch();
                            }
                            LOG.infof(
                                    "tenant %s quota level %s -> %s (%d of %d bytes, plan %s)",
                                    tenant,
                                    was,
                                    level,
                                    used[0],
                                    quota.get().limitBytes(),
                                    quota.get().plan());
                        }
                    }
                    state.executeBatch();
                    notice.executeBatch();
                    tell.executeBatch();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("metering database unavailable: " + e.getMessage(), e);
        }
        return standings;
    }

    private static WebhookEventType webhookType(QuotaLevel level) {
        return level == QuotaLevel.Exceeded ? WebhookEventType.QUOTA_EXCEEDED : WebhookEventType.QUOTA_WARNING;
    }

    /**
     * What a customer's partner hears of its reaching 80 % or 100 % ({@code quota.warning}, {@code quota.exceeded}):
     * a notification written with the level's change, sent by {@code NoticeRelay}.
     */
    private static String webhookData(Account account, QuotaLevel level, long stored) {
        return JsonNodeFactory.instance
                .objectNode()
                .put("tenantId", account.tenantId().toString())
                .put("tenantName", account.name())
                .put("plan", account.quota().plan())
                .put("usedBytes", stored)
                .put("limitBytes", account.quota().limitBytes())
                .put("level", level.name())
                .toString();
    }
}
