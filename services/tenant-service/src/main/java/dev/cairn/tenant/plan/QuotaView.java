package dev.cairn.tenant.plan;

import java.util.UUID;

/**
 * A tenant's quota and regions, for ingest (enforcement, replication) and metering (warnings).
 *
 * @param tenantId the tenant
 * @param plan the code of its plan
 * @param limitBytes the most bytes it may hold in object storage
 * @param partnerId the partner that manages it, or null
 * @param name its organisation's name
 * @param homeRegion where its backups are written
 * @param drRegion where they are replicated to, or null
 */
public record QuotaView(
        UUID tenantId, String plan, long limitBytes, UUID partnerId, String name, String homeRegion, String drRegion) {
    static QuotaView of(dev.cairn.tenant.tenant.Tenant t) {
        return new QuotaView(t.id, t.plan, t.quotaBytes, t.partnerId, t.name, t.homeRegion, t.drRegion);
    }
}
