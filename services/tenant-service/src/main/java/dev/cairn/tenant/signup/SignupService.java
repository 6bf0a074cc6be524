package dev.cairn.tenant.signup;

import dev.cairn.platform.identity.Roles;
import dev.cairn.platform.problem.ProblemException;
import dev.cairn.tenant.identity.UserDirectory;
import dev.cairn.tenant.tenant.Tenant;
import dev.cairn.tenant.tenant.TenantService;
import dev.cairn.tenant.tenant.TenantView;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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

    private final TenantService tenants;
    private final UserDirectory directory;

    public SignupService(TenantService tenants, UserDirectory directory) {
        this.tenants = tenants;
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

        TenantService.Draft draft = new TenantService.Draft(
                UUID.randomUUID(), request.organisation(), email, request.homeRegion(), drRegion, null, fingerprint);
        Tenant tenant = tenants.onboard(
                        draft,
                        id -> directory.createTenantUser(email, request.password(), id, List.of(Roles.TENANT_ADMIN)))
                .tenant();
        LOG.infof("tenant %s signed up (home %s, dr %s)", tenant.id, tenant.homeRegion, tenant.drRegion);
        return new SignupResult(TenantView.of(tenant), true);
    }

    private SignupResult replay(Tenant tenant, String fingerprint, String email, String password) {
        if (tenant.signupFingerprint.equals(fingerprint) && directory.passwordMatches(email, password)) {
            return new SignupResult(TenantView.of(tenant), false);
        }
        throw ProblemException.conflict("an account with this email exists; sign in instead");
    }

    private void validateRegions(String home, String dr) {
        tenants.validateRegions(home, dr);
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
