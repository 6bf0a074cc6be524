package dev.cairn.tenant.tenant;

import dev.cairn.platform.problem.ProblemException;
import dev.cairn.tenant.identity.UserDirectory;
import dev.cairn.tenant.keys.TenantKeyService;
import dev.cairn.tenant.region.RegionCatalog;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Function;

/** Reads and changes tenants; the caller's tenant id comes from its token, never from the request. */
@ApplicationScoped
public class TenantService {
    private final RegionCatalog regions;
    private final TenantsConfig config;
    private final TenantKeyService keys;
    private final UserDirectory directory;

    public TenantService(RegionCatalog regions, TenantsConfig config, TenantKeyService keys, UserDirectory directory) {
        this.regions = regions;
        this.config = config;
        this.keys = keys;
        this.directory = directory;
    }

    /**
     * Onboards a tenant: its first administrator in the directory (made by {@code administrator} from the tenant
     * id, answering whatever the caller needs back), then the tenant and its keys in a transaction of their own. A
     * taken email is a 409; if the tenant cannot be stored, the administrator is removed again, so that no user
     * outlives a tenant that was never made.
     */
    public <A> Onboarded<A> onboard(Draft draft, Function<UUID, A> administrator) {
        A admin;
        try {
            admin = administrator.apply(draft.id());
        } catch (UserDirectory.DirectoryConflict e) {
            throw ProblemException.conflict("an account with this email exists");
        }
        try {
            Tenant tenant = QuarkusTransaction.requiringNew().call(() -> create(draft));
            return new Onboarded<>(tenant, admin);
        } catch (RuntimeException e) {
            directory.deleteTenantUsers(draft.id());
            if (e.getCause() instanceof org.hibernate.exception.ConstraintViolationException) {
                throw ProblemException.conflict("an account with this email exists");
            }
            throw e;
        }
    }

    /**
     * An onboarded tenant.
     *
     * @param tenant the tenant
     * @param administrator what the administrator's creation answered
     */
    public record Onboarded<A>(Tenant tenant, A administrator) {}

    /**
     * What a new tenant starts with.
     *
     * @param id its id, chosen by the caller (the identity provider's user is made first, with it)
     * @param name the organisation
     * @param adminEmail its first administrator's email
     * @param homeRegion where backups are stored
     * @param drRegion where copies are kept, or null
     * @param partnerId the partner that manages it, or null
     * @param fingerprint what makes a repeated signup recognisable
     */
    public record Draft(
            UUID id,
            String name,
            String adminEmail,
            String homeRegion,
            String drRegion,
            UUID partnerId,
            String fingerprint) {}

    /** 400 unless both regions are offered and differ. */
    public void validateRegions(String home, String dr) {
        if (!regions.isOffered(home)) {
            throw ProblemException.badRequest("home region " + home + " is not offered; see GET /api/v1/regions");
        }
        if (dr != null) {
            if (!regions.isOffered(dr)) {
                throw ProblemException.badRequest("disaster-recovery region " + dr + " is not offered");
            }
            if (dr.equals(home)) {
                throw ProblemException.badRequest("the disaster-recovery region must differ from the home region");
            }
        }
    }

    /** Creates an active tenant on the Free plan with fresh data keys, in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Tenant create(Draft draft) {
        Instant now = Instant.now();
        Tenant t = new Tenant();
        t.id = draft.id();
        t.name = draft.name();
        t.plan = Tenant.FIRST_PLAN;
        // plans are rows (package plan); the first one's limit is read here, in the same transaction
        t.quotaBytes = ((Number) Tenant.getEntityManager()
                        .createNativeQuery("SELECT stored_bytes_limit FROM plan WHERE code = ?1")
                        .setParameter(1, Tenant.FIRST_PLAN)
                        .getSingleResult())
                .longValue();
        t.homeRegion = draft.homeRegion();
        t.drRegion = draft.drRegion();
        t.phase = TenantPhase.Active;
        t.partnerId = draft.partnerId();
        t.adminEmail = draft.adminEmail();
        t.signupFingerprint = draft.fingerprint();
        t.createdAt = now;
        t.updatedAt = now;
        t.persist();
        keys.createFor(t.id);
        return t;
    }

    /** The live tenant; 404 when it does not exist or was deleted. */
    public Tenant get(UUID tenantId) {
        Tenant tenant = Tenant.findById(tenantId);
        if (tenant == null || tenant.phase == TenantPhase.Deleted) {
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
        if (tenant.phase == TenantPhase.Active) {
            Instant now = Instant.now();
            tenant.phase = TenantPhase.PendingDeletion;
            tenant.deletionRequestedAt = now;
            tenant.deleteAfter = now.plus(config.deletionGrace());
            tenant.updatedAt = now;
        }
        return tenant;
    }

    /**
     * Cancels a requested deletion during its grace period. Idempotent. Once the purge has begun ({@code Purging})
     * it is refused: the conditional update decides a cancel racing the purge's first step.
     */
    @Transactional
    public Tenant cancelDeletion(UUID tenantId) {
        Tenant tenant = get(tenantId);
        if (tenant.phase == TenantPhase.PendingDeletion) {
            boolean cancelled = Tenant.cancelPendingDeletion(tenantId, Instant.now());
            Tenant.getEntityManager().refresh(tenant);
            if (!cancelled && tenant.phase != TenantPhase.Active) {
                throw purgeBegun();
            }
        } else if (tenant.phase == TenantPhase.Purging) {
            throw purgeBegun();
        }
        return tenant;
    }

    private static ProblemException purgeBegun() {
        return new ProblemException(
                409,
                "tenant-not-active",
                "Tenant not active",
                "the tenant's grace period is over and its purge has begun: the deletion can no longer be cancelled");
    }

    /** 409 unless the tenant is active: nothing new starts for a tenant that is being deleted. */
    public static void requireActive(Tenant tenant) {
        if (tenant.phase != TenantPhase.Active) {
            throw new ProblemException(
                    409,
                    "tenant-not-active",
                    "Tenant not active",
                    "the tenant is " + tenant.phase + "; cancel its deletion first");
        }
    }
}
