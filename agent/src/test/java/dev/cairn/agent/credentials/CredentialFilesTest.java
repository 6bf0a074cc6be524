package dev.cairn.agent.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialFilesTest {
    @TempDir
    Path home;

    @Test
    void theAnswerAndTheKeyAreOwnerOnlyAndReplacedWholeLeavingNoTemporaryFile() throws Exception {
        PrivateKey key = KeyPairGenerator.getInstance("RSA").generateKeyPair().getPrivate();
        Files.writeString(home.resolve(CredentialFiles.ANSWER), "an older answer");
        Files.setPosixFilePermissions(
                home.resolve(CredentialFiles.ANSWER), PosixFilePermissions.fromString("rw-r--r--"));

        CredentialFiles.store(home, "{\"tenantId\":\"t\"}", key);

        for (String file : CredentialFiles.ALL) {
            assertThat(Files.getPosixFilePermissions(home.resolve(file)))
                    .as(file)
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        }
        assertThat(Files.readString(home.resolve(CredentialFiles.ANSWER))).isEqualTo("{\"tenantId\":\"t\"}");
        assertThat(Files.readString(home.resolve(CredentialFiles.KEY)))
                .startsWith("-----BEGIN PRIVATE KEY-----\n")
                .endsWith("\n-----END PRIVATE KEY-----\n");
        try (var files = Files.list(home)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrderElementsOf(CredentialFiles.ALL);
        }
    }

    @Test
    void onlyTheCredentialFilesAreWritten() {
        assertThatThrownBy(() ->
                        CredentialFiles.write(home, Map.of("../elsewhere", "x".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
