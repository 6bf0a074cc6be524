package dev.cairn.tenant.tenant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A customer organisation: its plan, quota, regions and life phase. */
@Entity
@Table(name = "tenant")
public class Tenant extends PanacheEntityBase {
    /** The plan every new tenant starts on: the free tier (10^12 stored bytes, no charge). */
    public static final String FIRST_PLAN = "FREE";

    @Id
    public UUID id;

    @Column(nullable = false)
    public String name;

    /** The code of its plan ({@code dev.cairn.tenant.plan.Plan}). */
    @Column(nullable = false)
    public String plan;

    @Column(name = "quota_bytes", nullable = false)
    public long quotaBytes;

    @Column(name = "home_region", nullable = false)
    public String homeRegion;

    @Column(name = "dr_region")
    public String drRegion;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public TenantPhase phase;

    @Column(name = "partner_id")
    public UUID partnerId;

    @Column(name = "admin_email", nullable = false)
    public String adminEmail;

    @Column(name = "signup_fingerprint", nullable = false)
    public String signupFingerprint;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "deletion_requested_at")
    public Instant deletionRequestedAt;

    @Column(name = "delete_after")
    public Instant deleteAfter;

    @Column(name = "deleted_at")
    public Instant deletedAt;

    /** The live (not deleted) tenant whose administrator signed up with this email. */
    public static Optional<Tenant> findLiveByAdminEmail(String email) {
        return find("lower(adminEmail) = lower(?1) and phase <> ?2", email, TenantPhase.Deleted)
                .firstResultOptional();
    }

    /** Tenants whose grace period has ended. */
    public static List<Tenant> dueForDeletion(Instant now) {
        return list(
                "(phase = ?1 and deleteAfter <= ?2) or phase = ?3",
                TenantPhase.PendingDeletion,
                now,
                TenantPhase.Purging);
    }

    /**
     * Marks a tenant whose grace period is over as {@link TenantPhase#Purging}, if it is still pending deletion: the
     * conditional update decides a race with a cancel. True when this call marked it.
     */
    public static boolean beginPurge(UUID id, Instant now) {
        return update(
                        "phase = ?1, updatedAt = ?2 where id = ?3 and phase = ?4 and deleteAfter <= ?2",
                        TenantPhase.Purging,
                        now,
                        id,
                        TenantPhase.PendingDeletion)
                == 1;
    }

    /**
     * Makes a tenant pending deletion active again, if it still is pending (not yet purging). True when it did.
     */
    public static boolean cancelPendingDeletion(UUID id, Instant now) {
        return update(
                        "phase = ?1, deletionRequestedAt = null, deleteAfter = null, updatedAt = ?2"
                                + " where id = ?3 and phase = ?4",
                        TenantPhase.Active,
                        now,
                        id,
                        TenantPhase.PendingDeletion)
                == 1;
    }
}
