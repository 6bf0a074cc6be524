package dev.cairn.tenant.deletion;

import dev.cairn.platform.tenant.TenantEvent;
import dev.cairn.tenant.tenant.Tenant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The tenants' life-cycle events waiting for the topic ({@code tenant_event}): written in the transaction of the
 * change they announce, relayed in order and marked once the topic has them (at least once: a consumer may see one
 * twice, and acts idempotently).
 */
@ApplicationScoped
public class TenantEventOutbox {

    /** Writes the event in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void write(TenantEvent event) {
        Tenant.getEntityManager()
                .createNativeQuery(
                        "INSERT INTO tenant_event (id, tenant_id, type, occurred_at) VALUES (?1, ?2, ?3, ?4)")
                .setParameter(1, event.id())
                .setParameter(2, event.tenantId())
                .setParameter(3, event.type().name())
                .setParameter(4, Timestamp.from(event.occurredAt()))
                .executeUpdate();
    }

    /** Up to {@code max} events not yet relayed, oldest first. */
    @Transactional
    public List<TenantEvent> unrelayed(int max) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = Tenant.getEntityManager()
                .createNativeQuery("SELECT id, tenant_id, type, occurred_at FROM tenant_event"
                        + " WHERE relayed_at IS NULL ORDER BY seq LIMIT ?1")
                .setParameter(1, max)
                .getResultList();
        return rows.stream()
                .map(r -> new TenantEvent(
                        (UUID) r[0], (UUID) r[1], TenantEvent.Type.valueOf((String) r[2]), instant(r[3])))
                .toList();
    }

    /** Marks events the topic has. */
    @Transactional
    public void relayed(List<UUID> ids) {
        if (!ids.isEmpty()) {
            Tenant.getEntityManager()
                    .createNativeQuery("UPDATE tenant_event SET relayed_at = now() WHERE id = ANY(?1)")
                    .setParameter(1, ids.toArray(UUID[]::new))
                    .executeUpdate();
        }
    }

    private static Instant instant(Object value) {
        return value instanceof Instant i ? i : ((Timestamp) value).toInstant();
    }
}
