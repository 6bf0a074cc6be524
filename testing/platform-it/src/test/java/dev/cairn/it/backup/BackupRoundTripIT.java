package dev.cairn.it.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.agent.fs.RawPaths;
import dev.cairn.it.support.Agents;
import dev.cairn.it.support.LocalAgent;
import dev.cairn.it.support.Tenants;
import dev.cairn.it.support.Trees;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI round trip on a tree of edge cases: backup, restore byte for byte with names, modes, times, links and holes;
 * an unchanged tree is not read again; only what changed is read and sent; verify re-reads the chunks.
 */
class BackupRoundTripIT {
    private static final long GIB = 1L << 30;

    @TempDir
    Path tmp;

    @Test
    void edgeCasesRoundTripByteIdenticalAndUnchangedFilesAreNotReadAgain() throws Exception {
        // given a tree with every kind of entry the agent must keep
        Path src = Files.createDirectories(tmp.resolve("src"));
        int files = edgeCases(src);
        Tenants.SignedUp tenant = Tenants.free("Round Trip");
        LocalAgent agent = new LocalAgent(Agents.registered(tenant, "laptop"), tmp.resolve("agent"));

        // when it is backed up and restored
        LocalAgent.Run backup = agent.backup(src);
        assertThat(backup.exit()).as(backup.toString()).isZero();
        JsonNode first = backup.json();
        assertThat(first.path("phase").asText()).isEqualTo("Completed");
        assertThat(first.path("statistics").path("files").asLong()).isEqualTo(files);
        assertThat(first.path("statistics").path("warnings").asLong()).isZero();
        String id = first.path("id").asText();

        Path restored = tmp.resolve("restored");
        LocalAgent.Run restore = agent.restore(id, restored);
        assertThat(restore.exit()).as(restore.toString()).isZero();
        assertThat(restore.json().path("phase").asText()).isEqualTo("Completed");

        // then the restored tree is the same, entry by entry, and the 5 GiB sparse file stays sparse
        Trees.assertSame(src, restored);
        assertThat(Trees.allocatedBlocks(restored.resolve("sparse-5g.img")) * 512)
                .isLessThan(16L << 20);
        // the hole was never read or stored: less went over the wire than a tenth of the logical size
        assertThat(first.path("statistics").path("sentBytes").asLong())
                .isLessThan(first.path("statistics").path("logicalBytes").asLong() / 10);

        LocalAgent.Run verify = agent.run("verify", id);
        assertThat(verify.exit()).as(verify.toString()).isZero();
        assertThat(verify.json().path("checked").asLong()).isPositive();
        assertThat(verify.json().path("damage")).isEmpty();

        // when nothing changed, nothing is read or sent (file cache), and the backup still completes
        JsonNode noop = agent.backup(src).json();
        assertThat(noop.path("phase").asText()).isEqualTo("Completed");
        assertThat(noop.path("readBytes").asLong()).isZero();
        assertThat(noop.path("cachedFiles").asLong()).isEqualTo(files);
        assertThat(noop.path("statistics").path("newBytes").asLong()).isZero();

        // when one file changes, only it is read, and only its new chunk is sent
        Path changed = src.resolve("random-3m.bin");
        try (FileChannel f = FileChannel.open(changed, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            f.write(ByteBuffer.wrap("appended".getBytes(StandardCharsets.UTF_8)));
        }
        JsonNode third = agent.backup(src).json();
        assertThat(third.path("phase").asText()).isEqualTo("Completed");
        assertThat(third.path("readBytes").asLong()).isEqualTo(Files.size(changed));
        assertThat(third.path("statistics").path("newBytes").asLong())
                .isPositive()
                .isLessThan(5L << 20);
        Path again = tmp.resolve("restored-third");
        assertThat(agent.restore(third.path("id").asText(), again).exit()).isZero();
        Trees.assertSame(src, again);

        // the tenant's backups are listed, newest first
        JsonNode list = tenant.backups();
        assertThat(list).hasSizeGreaterThanOrEqualTo(3);
        assertThat(list.get(0).path("id").asText()).isEqualTo(third.path("id").asText());
    }

    @Test
    void namedPipesAndDeviceNodesAreKeptAndMadeAgainAndASkippedSocketIsSaid() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("special"));
        Files.writeString(src.resolve("a.txt"), "a file beside them");
        Path fifo = src.resolve("queue.fifo");
        assertThat(new ProcessBuilder("mkfifo", "-m", "0640", fifo.toString())
                        .start()
                        .waitFor())
                .isZero();
        // a device node needs CAP_MKNOD; the test runs as root here, and checks the node only where it could make it
        boolean devices =
                new ProcessBuilder("mknod", "-m", "0666", src.resolve("null").toString(), "c", "1", "3")
                                .start()
                                .waitFor()
                        == 0;
        try (ServerSocketChannel socket = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            socket.bind(UnixDomainSocketAddress.of(src.resolve("app.sock")));
            LocalAgent agent =
                    new LocalAgent(Agents.registered(Tenants.free("Special Files"), "box"), tmp.resolve("agent"));

            JsonNode backup = agent.backup(src).json();
            assertThat(backup.path("phase").asText()).isEqualTo("Completed");
            assertThat(backup.path("statistics").path("files").asLong()).isEqualTo(devices ? 3 : 2);
            // the socket is not restorable: the backup says so instead of leaving it out silently
            assertThat(backup.path("statistics").path("warnings").asLong()).isEqualTo(1);
            assertThat(backup.path("messages").toString()).contains("app.sock", "socket");

            Path restored = tmp.resolve("special-restored");
            LocalAgent.Run restore = agent.restore(backup.path("id").asText(), restored);
            assertThat(restore.exit()).as(restore.toString()).isZero();
            assertThat(restore.json().path("phase").asText()).isEqualTo("Completed");
            assertThat(Files.readString(restored.resolve("a.txt"))).isEqualTo("a file beside them");
            int mode = (Integer)
                    Files.getAttribute(restored.resolve("queue.fifo"), "unix:mode", LinkOption.NOFOLLOW_LINKS);
            assertThat(mode & 0170000).as("a FIFO").isEqualTo(0010000);
            assertThat(mode & 07777).isEqualTo(0640);
            assertThat(Files.getLastModifiedTime(restored.resolve("queue.fifo"), LinkOption.NOFOLLOW_LINKS))
                    .isEqualTo(Files.getLastModifiedTime(fifo, LinkOption.NOFOLLOW_LINKS));
            assertThat(Files.exists(restored.resolve("app.sock"), LinkOption.NOFOLLOW_LINKS))
                    .isFalse();
            if (devices) {
                Path node = restored.resolve("null");
                assertThat((Integer) Files.getAttribute(node, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 0170000)
                        .as("a character device")
                        .isEqualTo(0020000);
                assertThat(Files.getAttribute(node, "unix:rdev", LinkOption.NOFOLLOW_LINKS))
                        .isEqualTo(Files.getAttribute(src.resolve("null"), "unix:rdev", LinkOption.NOFOLLOW_LINKS));
            }
        }
    }

    @Test
    void restoreNeverReplacesWhatIsThere() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(src.resolve("a.txt"), "from the backup");
        LocalAgent agent = new LocalAgent(Agents.registered(Tenants.free("Careful"), "c"), tmp.resolve("agent"));
        String id = agent.backup(src).json().path("id").asText();
        Path target = Files.createDirectories(tmp.resolve("target"));
        Files.writeString(target.resolve("a.txt"), "the user's own");

        LocalAgent.Run restore = agent.restore(id, target);

        assertThat(restore.exit()).isEqualTo(1);
        assertThat(restore.err()).contains("not empty");
        assertThat(Files.readString(target.resolve("a.txt"))).isEqualTo("the user's own");
    }

    /** Writes the edge cases; answers how many regular files there are. */
    static int edgeCases(Path src) throws IOException {
        Random random = new Random(42);
        int files = 0;
        byte[] rand = new byte[3 << 20];
        random.nextBytes(rand);
        Files.write(src.resolve("random-3m.bin"), rand);
        Files.write(src.resolve("duplicate-of-random.bin"), rand);
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < 40_000; i++) {
            json.append("{\"id\":")
                    .append(i)
                    .append(",\"name\":\"item ")
                    .append(i % 97)
                    .append("\"},");
        }
        Files.writeString(src.resolve("compressible.json"), json.append("{}]"));
        Files.createFile(src.resolve("empty"));
        Files.writeString(src.resolve("ütf-8 名前 🎉.txt"), "unicode name");
        byte[] latin1 = {'l', 'a', 't', 'i', 'n', '-', (byte) 0xe9, (byte) 0xff, '.', 't', 'x', 't'};
        Files.writeString(src.resolve(RawPaths.path(latin1)), "a name that is not UTF-8");
        Path secret = Files.writeString(src.resolve("secret"), "0600");
        Files.setAttribute(secret, "unix:mode", 0600);
        Path script = Files.writeString(src.resolve("setuid-script.sh"), "#!/bin/sh\n");
        Files.setAttribute(script, "unix:mode", 04755);
        Path dated = Files.writeString(src.resolve("dated"), "old");
        Files.setLastModifiedTime(dated, FileTime.from(Instant.parse("2001-02-03T04:05:06.123456789Z")));
        files += 9;
        // a 5 GiB file with two runs of data and holes around them
        Path sparse = src.resolve("sparse-5g.img");
        try (FileChannel f = FileChannel.open(sparse, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            byte[] data = new byte[1 << 20];
            random.nextBytes(data);
            f.write(ByteBuffer.wrap(data), 1 << 20);
            f.write(ByteBuffer.wrap(data, 0, 4096), 4 * GIB + GIB / 2);
            f.write(ByteBuffer.wrap(new byte[] {1}), 5 * GIB - 1);
        }
        files++;
        // links: stored as links, never followed
        Files.createSymbolicLink(src.resolve("link-relative"), Path.of("compressible.json"));
        Files.createSymbolicLink(src.resolve("link-absolute"), Path.of("/etc/passwd"));
        Files.createSymbolicLink(src.resolve("link-dangling"), Path.of("nowhere/at/all"));
        // a deep path, over 1,000 bytes long
        Path deep = src;
        for (int i = 0; i < 40; i++) {
            deep = deep.resolve("level-" + i + "-with-a-rather-long-name");
        }
        Files.createDirectories(deep);
        Files.writeString(deep.resolve("bottom.txt"), "deep");
        files++;
        Files.createSymbolicLink(src.resolve("link-to-directory"), src.relativize(deep.getParent()));
        // many small files, some alike
        Path small = Files.createDirectories(src.resolve("small"));
        for (int i = 0; i < 3000; i++) {
            Files.writeString(small.resolve("f" + i), "small file " + (i % 2500));
        }
        files += 3000;
        Path privateDir = Files.createDirectories(src.resolve("private"));
        Files.writeString(privateDir.resolve("inside"), "x");
        files++;
        Files.setAttribute(privateDir, "unix:mode", 0700);
        Files.setLastModifiedTime(privateDir, FileTime.from(Instant.parse("2010-01-01T00:00:00Z")));
        return files;
    }
}
