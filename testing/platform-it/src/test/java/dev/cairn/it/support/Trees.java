package dev.cairn.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Test fixture: a directory tree described entry by entry (type, mode, size, time, content hash, link target). */
public final class Trees {
    private Trees() {}

    /** Every entry below {@code root} (not following links), keyed by its path. */
    public static Map<String, String> describe(Path root) throws IOException {
        Map<String, String> entries = new TreeMap<>();
        walk(root, root, entries);
        return entries;
    }

    private static void walk(Path root, Path dir, Map<String, String> entries) throws IOException {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            s.forEach(children::add);
        }
        for (Path child : children) {
            // the relative path keeps raw name bytes; its hex spelling makes non-UTF-8 names comparable
            String key = HexFormat.of().formatHex(dev.cairn.agent.fs.RawPaths.bytes(root.relativize(child)));
            Map<String, Object> a =
                    Files.readAttributes(child, "unix:mode,size,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
            int mode = (Integer) a.get("mode");
            String what;
            if (Files.isSymbolicLink(child)) {
                what = "link -> "
                        + HexFormat.of().formatHex(dev.cairn.agent.fs.RawPaths.bytes(Files.readSymbolicLink(child)))
                        + " " + time(a);
            } else if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                what = "dir " + Integer.toOctalString(mode) + " " + time(a);
                walk(root, child, entries);
            } else {
                what = "file " + Integer.toOctalString(mode) + " " + a.get("size") + " " + time(a) + " " + sha(child);
            }
            entries.put(key, what);
        }
    }

    private static String time(Map<String, Object> a) {
        return ((FileTime) a.get("lastModifiedTime")).toInstant().toString();
    }

    private static String sha(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 20];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                sha.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Blocks allocated to a file (512-byte units), as {@code stat %b} says: how sparse it is on disk. */
    public static long allocatedBlocks(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("stat", "-c", "%b", file.toString()).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        p.waitFor();
        return Long.parseLong(out);
    }

    public static void assertSame(Path expected, Path actual) throws IOException {
        assertThat(describe(actual)).containsExactlyEntriesOf(describe(expected));
    }
}
