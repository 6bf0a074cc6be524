package dev.cairn.tenant.signup;

import dev.cairn.platform.identity.Roles;
import dev.cairn.platform.problem.ProblemException;
import dev.cairn.tenant.identity.PasswordHash;
import dev.cairn.tenant.identity.UserDirectory;
import dev.cairn.tenant.tenant.Tenant;
import dev.cairn.tenant.tenant.TenantService;
import dev.cairn.tenant.tenant.TenantView;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Self-service signup, confirmed by email (issue 17, item 1). A signup makes nothing but a mail: to a new address, a
 * link that makes the tenant (on the Free plan, with its keys and its first administrator) when followed; to an
 * address with an account, a note to sign in instead. The answer is the same either way and the work behind it too
 * (the password is hashed, the directory asked, a row written, a mail queued), so that neither the answer nor its
 * time tells whether an address has an account. The password is kept only as a PBKDF2 hash until the link is
 * followed, and is handed to the identity provider as that hash.
 */
@ApplicationScoped
public class SignupService {
    private static final Logger LOG = Logger.getLogger(SignupService.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int TOKEN_BYTES = 32;

    private final TenantService tenants;
    private final UserDirectory directory;
    private final SignupMailer mailer;
    private final SignupConfig config;
    private final PasswordHashing hashing;

    public SignupService(
            TenantService tenants,
            UserDirectory directory,
            SignupMailer mailer,
            SignupConfig config,
            PasswordHashing hashing) {
        this.hashing = hashing;
        this.tenants = tenants;
        this.directory = directory;
        this.mailer = mailer;
        this.config = config;
    }

    /** Checks a signup and mails its address; answers alike whether or not the address has an account. */
    public SignupAccepted signUp(SignupRequest request) {
        String email = request.email().trim().toLowerCase(Locale.ROOT);
        String drRegion = request.drRegion() == null || request.drRegion().isBlank() ? null : request.drRegion();
        tenants.validateRegions(request.homeRegion(), drRegion);
        PasswordHash password = hashing.hash(request.password());
        boolean taken = QuarkusTransaction.requiringNew()
                        .call(() -> Tenant.findLiveByAdminEmail(email).isPresent())
                | directory.findUserByEmail(email).isPresent();
        Instant now = Instant.now();
        Instant expiresAt = now.plus(config.confirmationTime());
        String token = token();

        SignupMail mail = new SignupMail();
        mail.id = UUID.randomUUID();
        mail.email = email;
        mail.createdAt = now;
        mail.expiresAt = expiresAt;
        if (taken) {
            mail.kind = SignupMail.Kind.AccountExists;
        } else {
            mail.kind = SignupMail.Kind.Confirmation;
            mail.tokenHash = hash(token);
            mail.organisation = request.organisation();
            mail.homeRegion = request.homeRegion();
            mail.drRegion = drRegion;
            mail.fingerprint = fingerprint(email, request.organisation(), request.homeRegion(), drRegion);
            mail.passwordIterations = password.iterations();
            mail.passwordSalt = password.salt();
            mail.passwordHash = password.value();
        }
        boolean recorded = QuarkusTransaction.requiringNew().call(() -> record(mail, now));
        if (!recorded) {
            LOG.infof(
                    "signup for an address at %s: %d mails sent to it already, none sent",
                    domain(email), config.mailsPerAddress());
        } else if (taken) {
            mailer.sendAccountExists(email, URI.create(config.portalUrl() + "/app"));
        } else {
            mailer.sendConfirmation(email, request.organisation(), confirmationLink(token), expiresAt);
        }
        return new SignupAccepted(email, expiresAt);
    }

    /**
     * Keeps the mail unless the address has had {@link SignupConfig#mailsPerAddress()} already: under a lock of the
     * address for the transaction, so that simultaneous signups cannot pass the limit together.
     */
    private boolean record(SignupMail mail, Instant now) {
        SignupMail.getEntityManager()
                .createNativeQuery("SELECT pg_advisory_xact_lock(hashtextextended(?1, 0))")
                .setParameter(1, "signup:" + mail.email)
                .getSingleResult();
        if (SignupMail.sentTo(mail.email, now) >= config.mailsPerAddress()) {
            return false;
        }
        mail.persist();
        return true;
    }

    /**
     * Follows a confirmation link: makes the tenant, its keys and its administrator (with the password the signup
     * gave, as its hash); the same link again answers the same tenant. 404 for a link unknown, expired or made moot
     * by another signup of the address being confirmed; 409 when the address got an account meanwhile.
     */
    @Transactional
    public SignupResult confirm(String token) {
        SignupMail mail = SignupMail.confirmation(hash(token), Instant.now()).orElseThrow(SignupService::unknownLink);
        if (mail.tenantId != null) {
            return new SignupResult(TenantView.of(tenants.get(mail.tenantId)), false);
        }
        TenantService.Draft draft = new TenantService.Draft(
                UUID.randomUUID(),
                mail.organisation,
                mail.email,
                mail.homeRegion,
                mail.drRegion,
                null,
                mail.fingerprint);
        PasswordHash password = mail.password();
        Tenant tenant = tenants.onboard(
                        draft, id -> directory.createTenantUser(mail.email, password, id, List.of(Roles.TENANT_ADMIN)))
                .tenant();
        mail.tenantId = tenant.id;
        mail.passwordIterations = null;
        mail.passwordSalt = null;
        mail.passwordHash = null;
        SignupMail.forgetOthers(mail.email, mail.id);
        LOG.infof("tenant %s signed up and confirmed (home %s, dr %s)", tenant.id, tenant.homeRegion, tenant.drRegion);
        return new SignupResult(TenantView.of(tenant), true);
    }

    /** Forgets expired signup mails (their addresses, organisations and password hashes) every hour. */
    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void forgetExpired() {
        long forgotten = SignupMail.forgetExpired(Instant.now());
        if (forgotten > 0) {
            LOG.infof("forgot %d expired signup mails", forgotten);
        }
    }

    private URI confirmationLink(String token) {
        return URI.create(config.portalUrl() + "/signup/confirm?token=" + token);
    }

    private static ProblemException unknownLink() {
        return new ProblemException(
                404,
                "signup-link-invalid",
                "Signup link invalid",
                "this link is unknown, has expired, or belongs to a signup of the address that another confirmed"
                        + " signup replaced; sign up again");
    }

    private static String token() {
        byte[] bytes = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The part of an address after its {@code @}: enough for a log line, without naming the person. */
    private static String domain(String email) {
        return email.substring(email.lastIndexOf('@') + 1);
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
