package dev.cairn.tenant.keys;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One of a tenant's data keys, wrapped. Deleting it is crypto-shredding: the data it opened is unreadable. */
@Entity
@Table(name = "tenant_key")
@IdClass(TenantKey.Id.class)
public class TenantKey extends PanacheEntityBase {
    @jakarta.persistence.Id
    @Column(name = "tenant_id")
    public UUID tenantId;

    @jakarta.persistence.Id
    @Enumerated(EnumType.STRING)
    public KeyPurpose purpose;

    @Column(name = "kek_id", nullable = false)
    public String kekId;

    @Column(name = "wrapped_key", nullable = false)
    public byte[] wrappedKey;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public static List<TenantKey> forTenant(UUID tenantId) {
        return list("tenantId", tenantId);
    }

    /** The composite key. */
    public static class Id implements Serializable {
        public UUID tenantId;
        public KeyPurpose purpose;

        @Override
        public boolean equals(Object o) {
            return o instanceof Id other && tenantId.equals(other.tenantId) && purpose == other.purpose;
        }

        @Override
        public int hashCode() {
            return tenantId.hashCode() * 31 + purpose.hashCode();
        }
    }
}
