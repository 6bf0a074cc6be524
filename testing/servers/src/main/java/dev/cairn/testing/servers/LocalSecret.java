package dev.cairn.testing.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A server's administrator secret, generated at its first start and kept in a file of its own beside its data (mode
 * 600), so that no password of a local server is written in the repository. A data folder made before secrets were
 * generated (no file yet) keeps the fixed password it was made with, written to the file.
 */
final class LocalSecret {
    private static final SecureRandom RANDOM = new SecureRandom();

    private LocalSecret() {}

    /**
     * The secret kept in {@code file}, made now if there is none.
     *
     * @param dataExisted whether the server's data was made before this start (then its former fixed password)
     * @param former the fixed password data folders were made with before
     */
    static String of(Path file, boolean dataExisted, String former) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
            String secret;
            if (dataExisted) {
                secret = former;
            } else {
                byte[] bytes = new byte[24];
                RANDOM.nextBytes(bytes);
                secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temporary = Files.createTempFile(
                    file.toAbsolutePath().getParent(),
                    ".secret",
                    ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temporary, secret, StandardCharsets.UTF_8);
            Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file of a secret kept beside {@code dataDir}: {@code <dataDir>.<name>}. */
    static Path beside(Path dataDir, String name) {
        Path absolute = dataDir.toAbsolutePath();
        return absolute.resolveSibling(absolute.getFileName() + "." + name);
    }
}
