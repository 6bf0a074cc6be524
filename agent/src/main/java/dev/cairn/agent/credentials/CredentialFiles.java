package dev.cairn.agent.credentials;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The agent's credential files, and the only code that writes them: the registration answer ({@value #ANSWER}) and
 * the agent's RSA private key ({@value #KEY}, PKCS#8 PEM), owner-only. Each file is written to a temporary file of
 * the same folder, made owner-only before a byte is written, then moved over the old one atomically: a reader never
 * sees half a file, and there is no moment where the file is missing or readable by others.
 */
public final class CredentialFiles {
    /** The registration answer (docs/protocol.md, "Agent registration, v1"). */
    public static final String ANSWER = "credentials.json";
    /** The agent's private key. */
    public static final String KEY = "agent-key.pem";
    /** Both files, as a Secret keeps them. */
    public static final List<String> ALL = List.of(ANSWER, KEY);

    private CredentialFiles() {}

    /** Keeps a registration's answer and the private key whose public half the platform wrapped keys to. */
    public static void store(Path folder, String answer, PrivateKey key) throws IOException {
        write(
                folder,
                Map.of(
                        ANSWER,
                        answer.getBytes(StandardCharsets.UTF_8),
                        KEY,
                        ("-----BEGIN PRIVATE KEY-----\n"
                                        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                                                .encodeToString(key.getEncoded())
                                        + "\n-----END PRIVATE KEY-----\n")
                                .getBytes(StandardCharsets.US_ASCII)));
    }

    /** Writes credential files (by name) into {@code folder}, each owner-only and atomically replaced. */
    public static void write(Path folder, Map<String, byte[]> files) throws IOException {
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            if (!ALL.contains(file.getKey())) {
                throw new IllegalArgumentException(file.getKey() + " is not an agent credential file");
            }
            writeOwnerOnly(folder.resolve(file.getKey()), file.getValue());
        }
    }

    /**
     * Writes a secret file readable by its owner only: a temporary file made owner-only in the same folder, then
     * moved over the old one atomically (a reader sees the old content or the new, never a file open to others).
     */
    public static void writeOwnerOnly(Path file, byte[] content) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path temp = Files.createTempFile(
                folder,
                "." + file.getFileName(),
                ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.write(temp, content);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
