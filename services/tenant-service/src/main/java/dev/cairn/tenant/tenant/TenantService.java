package dev.cairn.tenant.tenant;

import dev.cairn.platform.problem.ProblemException;
import dev.cairn.tenant.region.RegionCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;

/** Reads and changes tenants; the caller's tenant id comes from its token, never from the request. */
@ApplicationScoped
public class TenantService {
    private final RegionCatalog regions;
    private final TenantsConfig config;

    public TenantService(RegionCatalog regions, TenantsConfig config) {
        this.regions = regions;
        this.config = config;
    }

    /** The live tenant; 404 when it does not exist or was deleted. */
    public Tenant get(UUID tenantId) {
        Tenant tenant = Tenant.findById(tenantId);
        if (tenant == null || tenant.phase == TenantPhase.DELETED) {
            throw ProblemException.notFound("tenant");
        }
        return tenant;
    }

    @Transactional
    public Tenant update(UUID tenantId, TenantUpdate update) {
        Tenant tenant = get(tenantId);
        requireActive(tenant);
        if (update.name() != null) {
            tenant.name = update.name();
        }
        if (update.drRegion() != null) {
            if (update.drRegion().isEmpty()) {
                tenant.drRegion = null;
            } else {
                if (!regions.isOffered(update.drRegion())) {
                    throw ProblemException.badRequest("region " + update.drRegion() + " is not offered");
                }
                if (update.drRegion().equals(tenant.homeRegion)) {
                    throw ProblemException.badRequest("the disaster-recovery region must differ from the home region");
                }
                tenant.drRegion = update.drRegion();
            }
        }
        tenant.updatedAt = Instant.now();
        return tenant;
    }

    /** Starts the grace period after which the tenant is destroyed. Idempotent. */
    @Transactional
    public Tenant requestDeletion(UUID tenantId) {
        Tenant tenant = get(tenantId);
        if (tenant.phase == TenantPhase.ACTIVE) {
            Instant now = Instant.now();
            tenant.phase = TenantPhase.PENDING_DELETION;
            tenant.deletionRequestedAt = now;
            tenant.deleteAfter = now.plus(config.deletionGrace());
            tenant.updatedAt = now;
        }
        return tenant;
    }

    /** Cancels a requested deletion during its grace period. Idempotent. */
    @Transactional
    public Tenant cancelDeletion(UUID tenantId) {
        Tenant tenant = get(tenantId);
        if (tenant.phase == TenantPhase.PENDING_DELETION) {
            tenant.phase = TenantPhase.ACTIVE;
            tenant.deletionRequestedAt = null;
            tenant.deleteAfter = null;
            tenant.updatedAt = Instant.now();
        }
        return tenant;
    }

    /** 409 unless the tenant is active: nothing new starts for a tenant that is being deleted. */
    public static void requireActive(Tenant tenant) {
        if (tenant.phase != TenantPhase.ACTIVE) {
            throw new ProblemException(
                    409,
                    "tenant-not-active",
                    "Tenant not active",
                    "the tenant is " + tenant.phase + "; cancel its deletion first");
        }
    }
}
