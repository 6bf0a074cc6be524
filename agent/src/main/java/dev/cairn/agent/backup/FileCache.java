package dev.cairn.agent.backup;

import dev.cairn.agent.source.SourceEntry;
import dev.cairn.data.chunk.ChunkId;
import dev.cairn.data.tree.TreeEntry;
import dev.cairn.data.tree.TreeReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The file cache: the tree of the source's last completed backup, kept in the agent's state folder. A file whose
 * size, modification time, change time and inode are unchanged reuses its extents without being read. Entries whose
 * chunks the platform no longer has (garbage-collected) are dropped before use.
 */
public final class FileCache {
    private final Map<ByteBuffer, TreeEntry> files;
    private final Path file;

    private FileCache(Path file, Map<ByteBuffer, TreeEntry> files) {
        this.file = file;
        this.files = files;
    }

    /** The cache of {@code source} for {@code tenant} in {@code folder}; empty when there is none or it is unreadable. */
    public static FileCache load(Path folder, UUID tenant, String source) {
        Path file = folder.resolve(key(tenant, source) + ".tree");
        Map<ByteBuffer, TreeEntry> files = new HashMap<>();
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file);
                    TreeReader reader = new TreeReader(in)) {
                for (TreeEntry e = reader.next(); e != null; e = reader.next()) {
                    if (e.type() == TreeEntry.Type.FILE) {
                        files.put(ByteBuffer.wrap(e.path()), e);
                    }
                }
            } catch (IOException | IllegalArgumentException e) {
                files.clear(); // a damaged cache only costs a full read
            }
        }
        return new FileCache(file, files);
    }

    /** Every chunk id the cache refers to. */
    public Set<ChunkId> ids() {
        Set<ChunkId> ids = new HashSet<>();
        files.values().forEach(e -> e.extents().forEach(x -> ids.add(x.id())));
        return ids;
    }

    /** Forgets every file that refers to one of {@code gone}. */
    public void forget(Collection<ChunkId> gone) {
        Set<ChunkId> set = new HashSet<>(gone);
        files.values().removeIf(e -> e.extents().stream().anyMatch(x -> set.contains(x.id())));
    }

    public int size() {
        return files.size();
    }

    /** The cached entry of a file when it has not changed since, else null. */
    public TreeEntry unchanged(SourceEntry now) {
        TreeEntry was = files.get(ByteBuffer.wrap(now.path()));
        if (was == null
                || was.size() != now.size()
                || was.mtimeSeconds() != now.mtimeSeconds()
                || was.mtimeNanos() != now.mtimeNanos()
                || was.ctimeNanos() != now.ctimeNanos()
                || was.inode() != now.inode()) {
            return null;
        }
        return was;
    }

    /** Makes {@code tree} (a completed backup's tree) the cache for next time. */
    public void replaceWith(Path tree) throws IOException {
        Files.createDirectories(file.getParent());
        Files.move(tree, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
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
