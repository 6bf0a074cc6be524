package dev.cairn.metering.quota;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.metering.account.Account;
import dev.cairn.metering.account.AccountDirectory;
import dev.cairn.metering.webhook.WebhookEventType;
import dev.cairn.metering.webhook.Webhooks;
import dev.cairn.platform.usage.Quota;
import dev.cairn.platform.usage.QuotaLevel;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * After each counted batch, compares the tenants it touched with their quotas: a change of level is recorded with a
 * notice (a tenant reaching 80 % gets one warning, not one per event; falling back under and rising again gives
 * another).
 */
@ApplicationScoped
public class QuotaWatch {
    private static final Logger LOG = Logger.getLogger(QuotaWatch.class);

    private final AgroalDataSource db;
    private final AccountDirectory directory;
    private final Webhooks webhooks;

    public QuotaWatch(AgroalDataSource db, AccountDirectory directory, Webhooks webhooks) {
        this.db = db;
        this.directory = directory;
        this.webhooks = webhooks;
    }

    /**
     * A tenant's standing: its stored bytes and connected clusters, quota and level (Ok with no quota when the tenant
     * service is away).
     */
    public record Standing(long storedBytes, long connectedClusters, Optional<Quota> quota, QuotaLevel level) {}

    /** Checks the tenants' levels; a tenant whose quota cannot be read now is checked with its next batch. */
    public void check(Iterable<UUID> tenants) {
        for (UUID tenant : tenants) {
            try {
                standing(tenant);
            } catch (RuntimeException e) {
                LOG.warnf("quota level of tenant %s not checked now: %s", tenant, e.getMessage());
            }
        }
    }

    /** The tenant's standing now, recording a change of level with a notice. */
    public Standing standing(UUID tenant) {
        Optional<Account> account = directory.find(tenant);
        Optional<Quota> quota = account.map(Account::quota);
        UUID notice = null;
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                long stored = 0;
                long clusters = 0;
                try (PreparedStatement s = c.prepareStatement(
                        "SELECT stored_bytes, connected_clusters FROM tenant_usage WHERE tenant_id = ?")) {
                    s.setObject(1, tenant);
                    try (ResultSet rs = s.executeQuery()) {
                        if (rs.next()) {
                            stored = rs.getLong(1);
                            clusters = rs.getLong(2);
                        }
                    }
                }
                if (quota.isEmpty()) {
                    c.commit();
                    return new Standing(stored, clusters, quota, QuotaLevel.Ok);
                }
                QuotaLevel level = quota.get().level(stored);
                String before = null;
                try (PreparedStatement s =
                        c.prepareStatement("SELECT level FROM quota_state WHERE tenant_id = ? FOR UPDATE")) {
                    s.setObject(1, tenant);
                    try (ResultSet rs = s.executeQuery()) {
                        if (rs.next()) {
                            before = rs.getString(1);
                        }
                    }
                }
                if (!level.name().equals(before)) {
                    try (PreparedStatement s = c.prepareStatement(
                            "INSERT INTO quota_state (tenant_id, plan, limit_bytes, level) VALUES (?, ?, ?, ?)"
                                    + " ON CONFLICT (tenant_id) DO UPDATE SET plan = EXCLUDED.plan,"
                                    + " limit_bytes = EXCLUDED.limit_bytes, level = EXCLUDED.level, changed_at = now()")) {
                        s.setObject(1, tenant);
                        s.setString(2, quota.get().plan());
                        s.setLong(3, quota.get().limitBytes());
                        s.setString(4, level.name());
                        s.executeUpdate();
                    }
                    if (level != QuotaLevel.Ok || before != null) {
                        notice = UUID.randomUUID();
                        try (PreparedStatement s = c.prepareStatement("INSERT INTO quota_notice (id, tenant_id, level,"
                                + " used_bytes, limit_bytes, plan) VALUES (?, ?, ?, ?, ?, ?)")) {
                            s.setObject(1, notice);
                            s.setObject(2, tenant);
                            s.setString(3, level.name());
                            s.setLong(4, stored);
                            s.setLong(5, quota.get().limitBytes());
                            s.setString(6, quota.get().plan());
                            s.executeUpdate();
                        }
                        LOG.infof(
                                "tenant %s quota level %s -> %s (%d of %d bytes, plan %s)",
                                tenant,
                                before,
                                level,
                                stored,
                                quota.get().limitBytes(),
                                quota.get().plan());
                    }
                }
                c.commit();
                if (notice != null && level != QuotaLevel.Ok) {
                    tell(account.get(), notice, level, stored);
                }
                return new Standing(stored, clusters, quota, level);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("metering database unavailable: " + e.getMessage(), e);
        }
    }

    /** A customer's partner hears of its reaching 80 % or 100 % ({@code quota.warning}, {@code quota.exceeded}). */
    private void tell(Account account, UUID notice, QuotaLevel level, long stored) {
        ObjectNode data = JsonNodeFactory.instance
                .objectNode()
                .put("tenantId", account.tenantId().toString())
                .put("tenantName", account.name())
                .put("plan", account.quota().plan())
                .put("usedBytes", stored)
                .put("limitBytes", account.quota().limitBytes())
                .put("level", level.name());
        webhooks.enqueue(
                account.partnerId(),
                level == QuotaLevel.Exceeded ? WebhookEventType.QUOTA_EXCEEDED : WebhookEventType.QUOTA_WARNING,
                notice,
                java.time.Instant.now(),
                data);
    }
}
