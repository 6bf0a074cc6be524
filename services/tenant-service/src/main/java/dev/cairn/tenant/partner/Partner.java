package dev.cairn.tenant.partner;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A reseller or MSP that manages customer tenants of its own through the API. */
@Entity
@Table(name = "partner")
public class Partner extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(nullable = false)
    public String name;

    @Column(name = "client_id", nullable = false)
    public String clientId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
