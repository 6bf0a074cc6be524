package dev.cairn.testing.platform;

import dev.cairn.agent.credentials.CredentialFiles;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

/**
 * The local platform's generated secrets and ids, kept in {@code <home>/secrets.properties} (mode 600) so that a
 * restart finds the same database passwords, demo tenant and demo password.
 */
final class Secrets {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;
    private final Properties values = new Properties();

    Secrets(Path file) {
        this.file = file;
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file)) {
                values.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The stored value of {@code key}, made by a random password the first time. */
    synchronized String password(String key) {
        return values.computeIfAbsent(key, k -> randomToken(18)).toString();
    }

    /** As {@link #password}, of {@code bytes} random bytes (an encryption secret: 32 or more). */
    synchronized String secret(String key, int bytes) {
        return values.computeIfAbsent(key, k -> randomToken(bytes)).toString();
    }

    /** Stores {@code value} under {@code key}. */
    synchronized void put(String key, String value) {
        values.setProperty(key, value);
    }

    synchronized void save() {
        try {
            StringWriter text = new StringWriter();
            values.store(text, "Cairn local platform: generated secrets (local run only)");
            CredentialFiles.writeOwnerOnly(file, text.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String randomToken(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
