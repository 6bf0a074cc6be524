package dev.cairn.cli.platform;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.agent.credentials.CredentialFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * What {@code ./cairn login} keeps: the platform, where to get tokens, and the refresh token. Stored in
 * {@code ~/.config/cairn/credentials.json} (or {@code $CAIRN_CONFIG/credentials.json}), readable by its owner only.
 *
 * @param platformUrl the platform's base URL
 * @param tokenUrl the OpenID Connect token endpoint
 * @param clientId the CLI's client id
 * @param refreshToken the refresh token
 * @param accessToken the last access token
 * @param accessTokenExpiresAt when it expires
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Credentials(
        String platformUrl,
        String tokenUrl,
        String clientId,
        String refreshToken,
        String accessToken,
        Instant accessTokenExpiresAt) {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    static Path file() {
        String override = System.getProperty("cairn.config", System.getenv("CAIRN_CONFIG"));
        Path dir = override != null && !override.isBlank()
                ? Path.of(override)
                : Path.of(System.getProperty("user.home"), ".config", "cairn");
        return dir.resolve("credentials.json");
    }

    static Optional<Credentials> load() {
        Path file = file();
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), Credentials.class));
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + e.getMessage() + " (run ./cairn login again)");
        }
    }

    void save() {
        Path file = file();
        try {
            CredentialFiles.writeOwnerOnly(file, JSON.writeValueAsBytes(this));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
