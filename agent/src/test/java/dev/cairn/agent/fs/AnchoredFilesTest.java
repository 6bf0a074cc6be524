package dev.cairn.agent.fs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every write of a restore is reached from the target's own descriptor: a directory or a file of the target swapped
 * for a symlink while it runs makes the call fail, and nothing outside the target changes.
 */
class AnchoredFilesTest {
    @TempDir
    Path tmp;

    private static byte[] p(String path) {
        return path.getBytes(UTF_8);
    }

    @Test
    void entriesAreMadeAndWrittenUnderTheTarget() throws Exception {
        Path target = Files.createDirectory(tmp.resolve("target"));
        assertThat(AnchoredFiles.available()).isTrue();
        try (AnchoredFiles files = AnchoredFiles.open(target)) {
            files.mkdir(p("a"));
            files.mkdir(p("a/b"));
            files.create(p("a/b/f"), 10);
            files.write(p("a/b/f"), p("xyz"), 2);
            files.symlink(p("a/link"), p("../elsewhere"));
            assertThat(files.mknod(p("a/fifo"), 0010000 | 0600, 0)).isZero();
            files.chmod(p("a/b/f"), 0640);
            files.setModificationTime(p("a/b/f"), 1_700_000_000L, 5);
            files.setModificationTime(p("a/link"), 1_600_000_000L, 0);
            assertThatThrownBy(() -> files.create(p("a/b/f"), 1)).isInstanceOf(FileAlreadyExistsException.class);
            assertThatThrownBy(() -> files.mkdir(p("a"))).isInstanceOf(FileAlreadyExistsException.class);
        }
        Path f = target.resolve("a/b/f");
        assertThat(Files.readAllBytes(f)).containsExactly(0, 0, 'x', 'y', 'z', 0, 0, 0, 0, 0);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
                .isEqualTo("rw-r-----");
        assertThat(Files.getLastModifiedTime(f).toMillis()).isEqualTo(1_700_000_000_000L);
        assertThat(Files.readSymbolicLink(target.resolve("a/link"))).isEqualTo(Path.of("../elsewhere"));
        assertThat(Files.getLastModifiedTime(target.resolve("a/link"), LinkOption.NOFOLLOW_LINKS)
                        .toMillis())
                .isEqualTo(1_600_000_000_000L);
        assertThat(Files.readAttributes(
                                target.resolve("a/fifo"),
                                java.nio.file.attribute.BasicFileAttributes.class,
                                LinkOption.NOFOLLOW_LINKS)
                        .isOther())
                .isTrue();
    }

    @Test
    void aDirectorySwappedForASymlinkIsNeverWrittenThrough() throws Exception {
        Path target = Files.createDirectory(tmp.resolve("target"));
        Path outside = Files.createDirectory(tmp.resolve("outside"));
        Files.writeString(outside.resolve("f"), "theirs");
        try (AnchoredFiles files = AnchoredFiles.open(target)) {
            files.mkdir(p("a"));
            files.create(p("a/f"), 6);
            // another process puts a symlink to a folder outside the target where the restore made "a"
            Files.move(target.resolve("a"), target.resolve("a.moved"));
            Files.createSymbolicLink(target.resolve("a"), outside);

            for (ThrowingCall call : new ThrowingCall[] {
                () -> files.write(p("a/f"), p("ours!!"), 0),
                () -> files.create(p("a/g"), 1),
                () -> files.mkdir(p("a/d")),
                () -> files.symlink(p("a/l"), p("x")),
                () -> files.chmod(p("a/f"), 0777),
                () -> files.setModificationTime(p("a/f"), 0, 0),
                () -> files.mknod(p("a/fifo"), 0010000 | 0600, 0)
            }) {
                assertThatThrownBy(call::run)
                        .isInstanceOf(IOException.class)
                        .hasMessageContaining("no longer the directory this restore made");
            }
        }
        try (var left = Files.list(outside)) {
            assertThat(left.toList()).containsExactly(outside.resolve("f"));
        }
        assertThat(Files.readString(outside.resolve("f"))).isEqualTo("theirs");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(outside.resolve("f"))))
                .isNotEqualTo("rwxrwxrwx");
    }

    @Test
    void aFileSwappedForASymlinkIsNeitherWrittenNorChanged() throws Exception {
        Path target = Files.createDirectory(tmp.resolve("target"));
        Path theirs = Files.writeString(tmp.resolve("theirs"), "theirs");
        Files.setPosixFilePermissions(theirs, PosixFilePermissions.fromString("rw-------"));
        try (AnchoredFiles files = AnchoredFiles.open(target)) {
            files.create(p("f"), 6);
            Files.delete(target.resolve("f"));
            Files.createSymbolicLink(target.resolve("f"), theirs);

            assertThatThrownBy(() -> files.write(p("f"), p("ours!!"), 0)).isInstanceOf(IOException.class);
            assertThatThrownBy(() -> files.chmod(p("f"), 0666)).isInstanceOf(IOException.class);
            files.setModificationTime(p("f"), 0, 0); // the link's own time, never its target's
        }
        assertThat(Files.readString(theirs)).isEqualTo("theirs");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(theirs)))
                .isEqualTo("rw-------");
        assertThat(Files.getLastModifiedTime(theirs).toMillis()).isNotZero();
    }

    @Test
    void aTargetThatIsASymlinkIsRefused() throws Exception {
        Path real = Files.createDirectory(tmp.resolve("real"));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
        assertThatThrownBy(() -> AnchoredFiles.open(link)).isInstanceOf(IOException.class);
    }

    private interface ThrowingCall {
        void run() throws Exception;
    }
}
