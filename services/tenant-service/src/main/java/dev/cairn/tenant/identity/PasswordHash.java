package dev.cairn.tenant.identity;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A password as a PBKDF2-HMAC-SHA256 hash (16-byte salt, 64-byte derived key), the form in which a signup keeps it
 * until its email is confirmed and then hands it to the identity provider, which imports it as it is (Keycloak's
 * {@code pbkdf2-sha256} credential) and re-hashes it with its own policy at the first sign-in. The password itself
 * is never stored.
 *
 * @param iterations PBKDF2's iteration count
 * @param salt the random salt
 * @param value the derived key
 */
public record PasswordHash(int iterations, byte[] salt, byte[] value) {
    /** The identity provider's name of the algorithm. */
    public static final String ALGORITHM = "pbkdf2-sha256";

    private static final int SALT_BYTES = 16;
    private static final int KEY_BITS = 512;
    private static final SecureRandom RANDOM = new SecureRandom();

    public PasswordHash {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be positive: " + iterations);
        }
        salt = salt.clone();
        value = value.clone();
    }

    /** Hashes a password with a fresh random salt. */
    public static PasswordHash of(String password, int iterations) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return new PasswordHash(iterations, salt, derive(password, salt, iterations));
    }

    /** True when {@code password} hashes to this value (in constant time). */
    public boolean matches(String password) {
        return MessageDigest.isEqual(value, derive(password, salt, iterations));
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    private static byte[] derive(String password, byte[] salt, int iterations) {
        char[] chars = password.toCharArray();
        PBEKeySpec spec = new PBEKeySpec(chars, salt, iterations, KEY_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(spec)
                    .getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JVM", e);
        } finally {
            spec.clearPassword();
            Arrays.fill(chars, '\0');
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PasswordHash h
                && h.iterations == iterations
                && Arrays.equals(h.salt, salt)
                && Arrays.equals(h.value, value);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(salt) + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "PasswordHash[" + ALGORITHM + ", " + iterations + " iterations]"; // never the value
    }
}
