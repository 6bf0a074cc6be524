package dev.cairn.tenant.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A key-encryption key in a local file, for the local run and tests: AES-256-GCM with a random 96-bit nonce and the
 * context as associated data. Output: nonce (12 bytes) then ciphertext and tag.
 */
public final class LocalKeyEncryption implements KeyEncryption {
    public static final String KEK_ID = "local:v1";
    private static final int NONCE_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec kek;

    private LocalKeyEncryption(byte[] kek) {
        this.kek = new SecretKeySpec(kek, "AES");
    }

    /** Reads the key file, creating it with 32 random bytes (mode 600) when it does not exist. */
    public static LocalKeyEncryption fromFile(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] fresh = new byte[32];
                RANDOM.nextBytes(fresh);
                Path parent = file.toAbsolutePath().getParent();
                Files.createDirectories(parent);
                try {
                    Files.createFile(
                            file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.write(file, fresh);
                } catch (FileAlreadyExistsException raced) {
                    // another replica made it: read theirs
                }
            }
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length != 32) {
                throw new IllegalStateException("key file " + file + " must hold 32 bytes, holds " + bytes.length);
            }
            return new LocalKeyEncryption(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the key-encryption key " + file, e);
        }
    }

    @Override
    public WrappedKey wrap(byte[] dataKey, String context) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, kek, new GCMParameterSpec(128, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(dataKey);
            return new WrappedKey(
                    KEK_ID,
                    ByteBuffer.allocate(nonce.length + sealed.length)
                            .put(nonce)
                            .put(sealed)
                            .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    @Override
    public byte[] unwrap(WrappedKey wrapped, String context) {
        if (!KEK_ID.equals(wrapped.kekId())) {
            throw new IllegalArgumentException("key wrapped by " + wrapped.kekId() + ", not by " + KEK_ID);
        }
        try {
            byte[] all = wrapped.ciphertext();
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, kek, new GCMParameterSpec(128, all, 0, NONCE_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the wrapped key does not open with this key and context", e);
        }
    }
}
