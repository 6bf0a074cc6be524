package dev.cairn.agent.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeFilesTest {

    @TempDir
    Path tmp;

    @Test
    void aFilesStatusIsWhatTheJdkSays() throws Exception {
        Path file = Files.write(tmp.resolve("file"), new byte[12_345]);
        Files.setLastModifiedTime(file, FileTime.fromMillis(1_700_000_000_123L));
        assertThat(NativeFiles.available()).isTrue();

        NativeFiles.Status status = NativeFiles.lstat(RawPaths.bytes(file));

        Map<String, Object> jdk = Files.readAttributes(file, "unix:*", LinkOption.NOFOLLOW_LINKS);
        assertThat(status.mode()).isEqualTo(jdk.get("mode"));
        assertThat(status.inode()).isEqualTo(jdk.get("ino"));
        assertThat(status.uid()).isEqualTo(jdk.get("uid"));
        assertThat(status.gid()).isEqualTo(jdk.get("gid"));
        assertThat(status.size()).isEqualTo(12_345);
        assertThat(status.mtimeSeconds()).isEqualTo(1_700_000_000L);
        assertThat(status.mtimeNanos()).isEqualTo(123_000_000);
        var ctime = ((FileTime) jdk.get("ctime")).toInstant();
        assertThat(status.ctimeNanos()).isEqualTo(ctime.getEpochSecond() * 1_000_000_000L + ctime.getNano());
    }

    @Test
    void aLinkIsNotFollowedAndAMissingFileHasNoStatus() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("dir"));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), dir);

        assertThat(NativeFiles.lstat(RawPaths.bytes(link)).mode() & 0170000).isEqualTo(0120000);
        assertThat(NativeFiles.lstat(RawPaths.bytes(dir)).mode() & 0170000).isEqualTo(0040000);
        assertThat(NativeFiles.lstat(RawPaths.bytes(tmp.resolve("missing")))).isNull();
        assertThat(NativeFiles.lstat(new byte[NativeFiles.PATH_MAX + 1])).isNull();
    }

    @Test
    void aFileIsReadAtAnyPositionAndALinkIsNotOpened() throws Exception {
        byte[] content = new byte[600_000];
        new java.util.Random(1).nextBytes(content);
        Path file = Files.write(tmp.resolve("file"), content);
        Path link = Files.createSymbolicLink(tmp.resolve("link"), file);

        int fd = NativeFiles.open(RawPaths.bytes(file));
        assertThat(fd).isNotNegative();
        try {
            byte[] into = new byte[content.length + 10];
            int n = NativeFiles.pread(fd, into, 10, content.length, 0);
            assertThat(n).isPositive().isLessThan(content.length); // one native buffer per call
            int total = n;
            while (total < content.length) {
                int m = NativeFiles.pread(fd, into, 10 + total, content.length - total, total);
                assertThat(m).isPositive();
                total += m;
            }
            assertThat(java.util.Arrays.copyOfRange(into, 10, into.length)).isEqualTo(content);
            assertThat(NativeFiles.pread(fd, into, 0, 10, content.length)).isZero();
        } finally {
            NativeFiles.close(fd);
        }
        assertThat(NativeFiles.open(RawPaths.bytes(link))).isNegative();
        assertThat(NativeFiles.open(RawPaths.bytes(tmp.resolve("missing")))).isNegative();
    }
}
