package dev.cairn.agent.backup;

import dev.cairn.agent.source.SourceEntry;
import dev.cairn.data.chunk.ChunkId;
import dev.cairn.data.tree.TreeEntry;
import dev.cairn.data.tree.TreeReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The file cache: the tree of the source's last completed backup, kept in the agent's state folder. A file whose
 * size, modification time, change time and inode are unchanged reuses its extents without being read. Files whose
 * chunks the platform no longer has (garbage-collected) count as changed.
 *
 * <p>Memory stays flat whatever the number of files: the cached tree is read as a stream beside the walk, both in
 * walk order (a directory before its entries, names in ascending byte order, {@link #compareWalkOrder}).
 */
public final class FileCache implements AutoCloseable {
    private final Path file;
    private final Set<ChunkId> gone = new HashSet<>();
    private InputStream in;
    private TreeReader reader;
    private TreeEntry next;

    private FileCache(Path file) {
        this.file = file;
    }

    /** The cache of {@code source} for {@code tenant} in {@code folder}; empty when there is none. */
    public static FileCache load(Path folder, UUID tenant, String source) {
        FileCache cache = new FileCache(folder.resolve(key(tenant, source) + ".tree"));
        cache.open();
        return cache;
    }

    private void open() {
        close();
        if (!Files.isRegularFile(file)) {
            return;
        }
        try {
            in = Files.newInputStream(file);
            reader = new TreeReader(in);
            advance();
        } catch (IOException | IllegalArgumentException e) {
            close(); // a damaged cache only costs a full read
        }
    }

    /** True when there is a cached tree. */
    public boolean present() {
        return reader != null;
    }

    /** Passes every chunk id the cache refers to (one pass over the cached tree, which then starts over). */
    public void forEachId(Consumer<ChunkId> action) {
        if (reader == null) {
            return;
        }
        try (InputStream ids = Files.newInputStream(file);
                TreeReader r = new TreeReader(ids)) {
            for (TreeEntry e = r.next(); e != null; e = r.next()) {
                e.extents().forEach(x -> action.accept(x.id()));
            }
        } catch (IOException | IllegalArgumentException e) {
            close();
        }
    }

    /** Files that use one of these chunks count as changed (thread-safe: queries answer on several threads;
     * the walk reads what they forgot after they have all answered). */
    public synchronized void forget(Collection<ChunkId> missing) {
        gone.addAll(missing);
    }

    /**
     * The cached entry of a file when it has not changed since, else null. Must be called in walk order; entries of
     * the cached tree before {@code now} are skipped for good.
     */
    public TreeEntry unchanged(SourceEntry now) {
        while (next != null && compareWalkOrder(next.path(), now.path()) < 0) {
            advance();
        }
        if (next == null || next.type() != TreeEntry.Type.FILE || compareWalkOrder(next.path(), now.path()) != 0) {
            return null;
        }
        TreeEntry was = next;
        if (was.size() != now.size()
                || was.mtimeSeconds() != now.mtimeSeconds()
                || was.mtimeNanos() != now.mtimeNanos()
                || was.ctimeNanos() != now.ctimeNanos()
                || was.inode() != now.inode()
                || was.extents().stream().anyMatch(x -> gone.contains(x.id()))) {
            return null;
        }
        return was;
    }

    private void advance() {
        try {
            next = reader == null ? null : reader.next();
        } catch (IOException | IllegalArgumentException e) {
            next = null;
        }
    }

    /**
     * The order of a walk: component by component, each compared as unsigned bytes, a directory before what it
     * holds; the same as comparing the paths byte by byte with {@code /} below every other byte.
     */
    public static int compareWalkOrder(byte[] a, byte[] b) {
        int n = Math.min(a.length, b.length);
        for (int i = 0; i < n; i++) {
            int x = a[i] == '/' ? -1 : a[i] & 0xff;
            int y = b[i] == '/' ? -1 : b[i] & 0xff;
            if (x != y) {
                return Integer.compare(x, y);
            }
        }
        return Integer.compare(a.length, b.length);
    }

    /** Makes {@code tree} (a completed backup's tree) the cache for next time. */
    public void replaceWith(Path tree) throws IOException {
        close();
        Files.createDirectories(file.getParent());
        Files.move(tree, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void close() {
        try {
            if (in != null) {
                in.close();
            }
        } catch (IOException ignored) {
            // read-only
        }
        in = null;
        reader = null;
        next = null;
    }

    private static String key(UUID tenant, String source) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((tenant + "\0" + source).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest()).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
