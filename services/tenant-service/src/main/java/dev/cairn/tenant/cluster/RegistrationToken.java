package dev.cairn.tenant.cluster;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/** A one-time, expiring token that lets an agent register its cluster. Only its SHA-256 is stored. */
@Entity
@Table(name = "registration_token")
public class RegistrationToken extends PanacheEntityBase {
    @Id
    @Column(name = "token_hash")
    public String tokenHash;

    @Column(name = "cluster_id", nullable = false)
    public UUID clusterId;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Column(name = "used_at")
    public Instant usedAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The token row for {@code token}, locked for the registration that uses it. */
    public static Optional<RegistrationToken> findForUpdate(String token) {
        return find("tokenHash", hash(token))
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
    }

    /** Unused tokens of a cluster stop working when a new one is issued or the cluster is revoked. */
    public static long expireUnused(UUID clusterId, Instant now) {
        return update("expiresAt = ?1 where clusterId = ?2 and usedAt is null and expiresAt > ?1", now, clusterId);
    }

    public static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
