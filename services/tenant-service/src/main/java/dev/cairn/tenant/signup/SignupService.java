package dev.cairn.tenant.signup;

import dev.cairn.platform.problem.ProblemException;
import dev.cairn.tenant.identity.UserDirectory;
import dev.cairn.tenant.keys.TenantKeyService;
import dev.cairn.tenant.region.RegionCatalog;
import dev.cairn.tenant.tenant.Plan;
import dev.cairn.tenant.tenant.Tenant;
import dev.cairn.tenant.tenant.TenantPhase;
import dev.cairn.tenant.tenant.TenantView;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Self-service signup: a tenant on the Free plan, its data keys, and its first administrator in the identity
 * provider. Idempotent on the email: the same request again (same organisation, regions and password) answers with
 * the tenant it made; another request with a taken email is refused.
 */
@ApplicationScoped
public class SignupService {
    private static final Logger LOG = Logger.getLogger(SignupService.class);

    private final RegionCatalog regions;
    private final TenantKeyService keys;
    private final UserDirectory directory;

    public SignupService(RegionCatalog regions, TenantKeyService keys, UserDirectory directory) {
        this.regions = regions;
        this.keys = keys;
        this.directory = directory;
    }

    public SignupResult signUp(SignupRequest request) {
        String email = request.email().trim().toLowerCase(Locale.ROOT);
        String drRegion = request.drRegion() == null || request.drRegion().isBlank() ? null : request.drRegion();
        validateRegions(request.homeRegion(), drRegion);
        String fingerprint = fingerprint(email, request.organisation(), request.homeRegion(), drRegion);

        Optional<Tenant> existing = QuarkusTransaction.requiringNew().call(() -> Tenant.findLiveByAdminEmail(email));
        if (existing.isPresent()) {
            return replay(existing.get(), fingerprint, email, request.password());
        }
        if (directory.findUserByEmail(email).isPresent()) {
            throw ProblemException.conflict("an account with this email exists; sign in instead");
        }

        UUID tenantId = UUID.randomUUID();
        Instant now = Instant.now();
        String userId;
        try {
            userId = directory.createTenantUser(email, request.password(), tenantId, List.of("tenant-admin"));
        } catch (UserDirectory.DirectoryConflict e) {
            throw ProblemException.conflict("an account with this email exists; sign in instead");
        }
        try {
            Tenant tenant = QuarkusTransaction.requiringNew().call(() -> {
                Tenant t = new Tenant();
                t.id = tenantId;
                t.name = request.organisation();
                t.plan = Plan.FREE;
                t.quotaBytes = Plan.FREE.quotaBytes();
                t.homeRegion = request.homeRegion();
                t.drRegion = drRegion;
                t.phase = TenantPhase.ACTIVE;
                t.adminEmail = email;
                t.signupFingerprint = fingerprint;
                t.createdAt = now;
                t.updatedAt = now;
                t.persist();
                keys.createFor(tenantId);
                return t;
            });
            LOG.infof("tenant %s signed up (home %s, dr %s)", tenantId, tenant.homeRegion, tenant.drRegion);
            return new SignupResult(TenantView.of(tenant), true);
        } catch (RuntimeException e) {
            // the user must not outlive a tenant that was never made
            directory.deleteTenantUsers(tenantId);
            if (e.getCause() instanceof org.hibernate.exception.ConstraintViolationException) {
                throw ProblemException.conflict("an account with this email exists; sign in instead");
            }
            throw e;
        }
    }

    private SignupResult replay(Tenant tenant, String fingerprint, String email, String password) {
        if (tenant.signupFingerprint.equals(fingerprint) && directory.passwordMatches(email, password)) {
            return new SignupResult(TenantView.of(tenant), false);
        }
        throw ProblemException.conflict("an account with this email exists; sign in instead");
    }

    private void validateRegions(String home, String dr) {
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

    static String fingerprint(String email, String organisation, String home, String dr) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {email, organisation, home, dr == null ? "" : dr}) {
                sha.update(part.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
