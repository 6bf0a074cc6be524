package dev.cairn.metering.usage;

import dev.cairn.platform.tenant.TenantForgetting;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/**
 * What metering forgets of a purged tenant: its quota level and notices, its notifications (their words came from
 * its backups: failure messages), and the words of its usage events. Kept, as billing records that name the tenant
 * by id only: its usage hours, its stored-bytes sum and its statements (docs/metering.md). Idempotent.
 */
@ApplicationScoped
public class UsageForgetting implements TenantForgetting {
    private final AgroalDataSource db;

    public UsageForgetting(AgroalDataSource db) {
        this.db = db;
    }

    @Override
    public String what() {
        return "quota levels, notices and notifications";
    }

    @Override
    public long forget(UUID tenantId) {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            long forgotten = 0;
            for (String sql : new String[] {
                "DELETE FROM quota_state WHERE tenant_id = ?",
                "DELETE FROM quota_notice WHERE tenant_id = ?",
                "DELETE FROM notification WHERE tenant_id = ?",
                "UPDATE usage_event SET detail = NULL WHERE tenant_id = ? AND detail IS NOT NULL"
            }) {
                try (PreparedStatement s = c.prepareStatement(sql)) {
                    s.setObject(1, tenantId);
                    forgotten += s.executeUpdate();
                }
            }
            c.commit();
            return forgotten;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot forget tenant " + tenantId + ": " + e.getMessage(), e);
        }
    }
}
