package dev.cairn.tenant.region;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** A region tenants may keep backups in. */
@Entity
@Table(name = "region")
public class Region extends PanacheEntityBase {
    @Id
    public String code;

    @Column(name = "display_name", nullable = false)
    public String displayName;

    /** False when the region left the configuration; tenants that point at it keep their data there. */
    @Column(nullable = false)
    public boolean active;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The active regions, by code. */
    public static List<Region> listActive() {
        return list("active = true order by code");
    }
}
