package dev.cairn.tenant.tenant;

import java.time.Instant;
import java.util.UUID;

/** A tenant as its users see it. */
public record TenantView(
        UUID id,
        String name,
        String plan,
        long quotaBytes,
        String homeRegion,
        String drRegion,
        TenantPhase phase,
        Instant createdAt,
        Instant deleteAfter) {

    public static TenantView of(Tenant t) {
        return new TenantView(
                t.id, t.name, t.plan, t.quotaBytes, t.homeRegion, t.drRegion, t.phase, t.createdAt, t.deleteAfter);
    }
}
