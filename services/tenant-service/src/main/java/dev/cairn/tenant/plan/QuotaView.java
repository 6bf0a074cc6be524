package dev.cairn.tenant.plan;

import java.util.UUID;

/**
 * A tenant's quota, for ingest (enforcement) and metering (warnings).
 *
 * @param tenantId the tenant
 * @param plan the code of its plan
 * @param limitBytes the most bytes it may hold in object storage
 * @param partnerId the partner that manages it, or null
 * @param name its organisation's name
 */
public record QuotaView(UUID tenantId, String plan, long limitBytes, UUID partnerId, String name) {
    static QuotaView of(dev.cairn.tenant.tenant.Tenant t) {
        return new QuotaView(t.id, t.plan, t.quotaBytes, t.partnerId, t.name);
    }
}
