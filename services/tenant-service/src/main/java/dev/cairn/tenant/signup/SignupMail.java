package dev.cairn.tenant.signup;

import dev.cairn.tenant.identity.PasswordHash;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A mail sent for a signup: the confirmation of a signup, whose link carries a token only its hash of which is kept
 * here, with the signup's details and its password as a {@link PasswordHash}; or the note that the address has an
 * account already. Rows expire; a confirmed one keeps the tenant it made.
 */
@Entity
@Table(name = "signup_mail")
public class SignupMail extends PanacheEntityBase {
    /** What a signup mail says. */
    public enum Kind {
        /** A link that makes the tenant when followed. */
        Confirmation,
        /** The address has an account already: sign in instead (no link that makes anything). */
        AccountExists
    }

    @Id
    public UUID id;

    /** The address, trimmed and in lower case. */
    public String email;

    @Enumerated(EnumType.STRING)
    public Kind kind;

    /** SHA-256 of the link's token (confirmations only). */
    @Column(name = "token_hash")
    public byte[] tokenHash;

    public String organisation;

    @Column(name = "home_region")
    public String homeRegion;

    @Column(name = "dr_region")
    public String drRegion;

    /** What makes a repeated signup recognisable (kept on the tenant made). */
    public String fingerprint;

    @Column(name = "password_iterations")
    public Integer passwordIterations;

    @Column(name = "password_salt")
    public byte[] passwordSalt;

    @Column(name = "password_hash")
    public byte[] passwordHash;

    /** The tenant the confirmation made, once it was followed. */
    @Column(name = "tenant_id")
    public UUID tenantId;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    /** The password to hand to the identity provider, while the confirmation has not been followed. */
    public PasswordHash password() {
        return new PasswordHash(passwordIterations, passwordSalt, passwordHash);
    }

    /** The confirmation whose link carries a token of this hash, if it has not expired; locked for the caller. */
    public static Optional<SignupMail> confirmation(byte[] tokenHash, Instant now) {
        return find("tokenHash = ?1 and kind = ?2 and expiresAt > ?3", tokenHash, Kind.Confirmation, now)
                .withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
    }

    /** How many signup mails went to the address and have not expired. */
    public static long sentTo(String email, Instant now) {
        return count("email = ?1 and expiresAt > ?2", email, now);
    }

    /** Forgets every expired signup mail; answers how many. */
    public static long forgetExpired(Instant now) {
        return delete("expiresAt <= ?1", now);
    }

    /** Forgets the address's other unconfirmed signups once one of them made its tenant. */
    public static long forgetOthers(String email, UUID confirmed) {
        return delete("email = ?1 and id <> ?2 and tenantId is null", email, confirmed);
    }
}
