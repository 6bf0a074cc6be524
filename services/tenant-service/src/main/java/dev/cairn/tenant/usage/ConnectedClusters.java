package dev.cairn.tenant.usage;

import dev.cairn.platform.usage.UsageKind;
import dev.cairn.platform.usage.UsageOutbox;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Connected clusters as usage events ({@link UsageKind#CONNECTED}), in the caller's transaction: +1 when a cluster's
 * agent registers, −1 when a connected cluster is revoked. A cluster registers once and is revoked once, so the ids
 * ({@code connect:<cluster>}, {@code disconnect:<cluster>}) are stable and metering counts each once.
 */
@ApplicationScoped
public class ConnectedClusters {
    private final AgroalDataSource db;

    public ConnectedClusters(AgroalDataSource db) {
        this.db = db;
    }

    /** The cluster's agent registered. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void connected(UUID tenantId, UUID clusterId) {
        write(tenantId, clusterId, "connect:", 1);
    }

    /** The connected cluster was revoked (by its tenant, or at the tenant's purge). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void disconnected(UUID tenantId, UUID clusterId) {
        write(tenantId, clusterId, "disconnect:", -1);
    }

    private void write(UUID tenantId, UUID clusterId, String subject, int clusters) {
        // a connection taken inside the transaction is enlisted in it: the event commits with the cluster's change
        try (Connection c = db.getConnection()) {
            UsageOutbox.write(
                    c,
                    UsageOutbox.eventId(UsageKind.CONNECTED, subject + clusterId),
                    tenantId,
                    UsageKind.CONNECTED,
                    clusters,
                    null,
                    clusterId,
                    null);
        } catch (SQLException e) {
            throw new IllegalStateException("usage outbox unavailable: " + e.getMessage(), e);
        }
    }
}
