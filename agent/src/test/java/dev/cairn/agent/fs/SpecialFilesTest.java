package dev.cairn.agent.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A FIFO is made, and its mode and time set, by calls that never open it (opening one waits for a writer). */
class SpecialFilesTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void aFifoIsMadeAndItsModeAndTimeSetWithoutOpeningIt() throws Exception {
        Path fifo = dir.resolve("queue");
        byte[] path = RawPaths.bytes(fifo);

        assertThat(NativeFiles.mknod(path, 0010000 | 0600, 0)).isZero();
        assertThat(NativeFiles.mknod(path, 0010000 | 0600, 0)).as("EEXIST").isEqualTo(17);
        assertThat(NativeFiles.chmod(path, 0640)).isZero();
        assertThat(NativeFiles.setModificationTime(path, 1_700_000_000L, 123_000_000))
                .isZero();
        int uid = (Integer) Files.getAttribute(fifo, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        int gid = (Integer) Files.getAttribute(fifo, "unix:gid", LinkOption.NOFOLLOW_LINKS);
        assertThat(NativeFiles.lchown(path, uid, gid)).isZero();

        NativeFiles.Status status = NativeFiles.lstat(path);
        assertThat(status.mode() & 0170000).isEqualTo(0010000);
        assertThat(status.mode() & 07777).isEqualTo(0640);
        assertThat(Files.getLastModifiedTime(fifo, LinkOption.NOFOLLOW_LINKS))
                .isEqualTo(FileTime.from(Instant.ofEpochSecond(1_700_000_000L, 123_000_000)));
        assertThat(NativeFiles.chmod(RawPaths.bytes(dir.resolve("absent")), 0600))
                .as("ENOENT")
                .isEqualTo(2);
    }
}
