package dev.cairn.tenant.partner;

import java.time.Instant;
import java.util.UUID;

/** A partner as operators see it (its client's secret is never shown again after its creation). */
public record PartnerView(UUID id, String name, String clientId, Instant createdAt) {

    static PartnerView of(Partner p) {
        return new PartnerView(p.id, p.name, p.clientId, p.createdAt);
    }
}
