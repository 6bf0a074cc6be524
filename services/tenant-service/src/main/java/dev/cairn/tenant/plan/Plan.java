package dev.cairn.tenant.plan;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

/** A plan: what a tenant on it may store and what it pays. Rows, not code: operators add plans through the API. */
@Entity
@Table(name = "plan")
public class Plan extends PanacheEntityBase {
    @Id
    public String code;

    @Column(nullable = false)
    public String name;

    @Column(name = "stored_bytes_limit", nullable = false)
    public long storedBytesLimit;

    @Column(nullable = false, length = 3)
    public String currency;

    @Column(name = "price_per_tb_month", nullable = false)
    public BigDecimal pricePerTbMonth;

    @Column(name = "price_per_cluster_month", nullable = false)
    public BigDecimal pricePerClusterMonth;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
