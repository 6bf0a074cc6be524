package dev.cairn.tenant.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalKeyEncryptionTest {
    @TempDir
    Path dir;

    @Test
    void aWrappedKeyOpensWithTheSameKeyFileAndContext() {
        Path file = dir.resolve("kek");
        byte[] dataKey = "0123456789abcdef0123456789abcdef".getBytes();
        KeyEncryption.WrappedKey wrapped = LocalKeyEncryption.fromFile(file).wrap(dataKey, "tenant-a/CHUNK_ID");

        // a later process reading the same file opens it
        assertThat(LocalKeyEncryption.fromFile(file).unwrap(wrapped, "tenant-a/CHUNK_ID"))
                .isEqualTo(dataKey);
        assertThat(new String(wrapped.ciphertext(), java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain(new String(dataKey, java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    @Test
    void aWrappedKeyDoesNotOpenForAnotherTenantOrPurpose() {
        LocalKeyEncryption keys = LocalKeyEncryption.fromFile(dir.resolve("kek"));
        KeyEncryption.WrappedKey wrapped = keys.wrap(new byte[32], "tenant-a/CHUNK_ID");

        assertThatThrownBy(() -> keys.unwrap(wrapped, "tenant-b/CHUNK_ID"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> keys.unwrap(wrapped, "tenant-a/CHUNK_ENCRYPTION"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anotherKeyFileCannotOpenIt() {
        KeyEncryption.WrappedKey wrapped =
                LocalKeyEncryption.fromFile(dir.resolve("one")).wrap(new byte[32], "c");
        assertThatThrownBy(() -> LocalKeyEncryption.fromFile(dir.resolve("two")).unwrap(wrapped, "c"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theKeyFileIsReadableByItsOwnerOnly() throws Exception {
        Path file = dir.resolve("kek");
        LocalKeyEncryption.fromFile(file);
        assertThat(Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(Files.size(file)).isEqualTo(32);
    }

    @Test
    void wrappingTwiceGivesDifferentCiphertexts() {
        LocalKeyEncryption keys = LocalKeyEncryption.fromFile(dir.resolve("kek"));
        assertThat(keys.wrap(new byte[32], "c").ciphertext())
                .isNotEqualTo(keys.wrap(new byte[32], "c").ciphertext());
    }
}
