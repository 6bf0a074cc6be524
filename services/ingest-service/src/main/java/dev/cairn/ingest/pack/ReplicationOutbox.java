package dev.cairn.ingest.pack;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/**
 * The replication queue's writing side ({@code replication_task}): a task is written in the transaction that commits
 * an object to the catalog or forgets it, so that no object is left out of the tenant's DR region and no deleted one
 * stays there. The replicator ({@code replication/}) takes them.
 */
public final class ReplicationOutbox {
    private ReplicationOutbox() {}

    /** The object at {@code key}, of {@code bytes}, is to be copied to the tenant's DR region. */
    public static void copy(Connection c, UUID tenantId, String key, long bytes) throws SQLException {
        write(c, tenantId, key, "COPY", bytes);
    }

    /** The object at {@code key} is gone from the catalog: its copies are to be deleted. */
    public static void delete(Connection c, UUID tenantId, String key) throws SQLException {
        write(c, tenantId, key, "DELETE", 0);
    }

    /** A purged tenant: nothing of it is copied any more, and its copies are forgotten (their objects are deleted). */
    public static void forgetTenant(Connection c, UUID tenantId) throws SQLException {
        for (String sql : new String[] {
            "DELETE FROM replication_task WHERE tenant_id = ?", "DELETE FROM object_copy WHERE tenant_id = ?"
        }) {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setObject(1, tenantId);
                s.executeUpdate();
            }
        }
    }

    private static void write(Connection c, UUID tenantId, String key, String action, long bytes) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO replication_task (tenant_id, object_key, action, bytes) VALUES (?, ?, ?, ?)")) {
            s.setObject(1, tenantId);
            s.setString(2, key);
            s.setString(3, action);
            s.setLong(4, bytes);
            s.executeUpdate();
        }
    }
}
