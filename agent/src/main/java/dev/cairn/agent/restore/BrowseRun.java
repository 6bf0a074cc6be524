package dev.cairn.agent.restore;

import dev.cairn.agent.credentials.AgentCredentials;
import dev.cairn.agent.platform.PlatformClient;
import dev.cairn.agent.progress.Progress;
import dev.cairn.api.agent.backup.BackupView;
import dev.cairn.api.agent.command.BrowseReport;
import dev.cairn.data.chunk.ChunkId;
import dev.cairn.data.chunk.ChunkSealer;
import dev.cairn.data.tree.TreeEntry;
import dev.cairn.data.tree.TreePaths;
import dev.cairn.data.tree.TreeReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Reads a backup's file tree for a person (ADR 0021): one directory's entries a page at a time, or one file,
 * decrypted into a local file. The tree of the last backup browsed is kept in the agent's work directory (a backup
 * never changes), so that walking its directories fetches it once.
 */
public final class BrowseRun {
    /**
     * A page of a directory.
     *
     * @param entries its entries after the page's start, in name order
     * @param next the name the next page starts after, or null on the last
     */
    public record Listing(List<BrowseReport.Entry> entries, String next) {}

    /**
     * A file read out of a backup.
     *
     * @param name its name
     * @param size its length
     * @param sha256 the SHA-256 of its content, hex
     */
    public record Download(String name, long size, String sha256) {}

    private final AgentCredentials credentials;
    private final PlatformClient platform;
    private final Path work;

    public BrowseRun(AgentCredentials credentials, PlatformClient platform, Path state) throws IOException {
        this.credentials = credentials;
        this.platform = platform;
        this.work = Files.createDirectories(state.resolve("work"));
    }

    /**
     * The entries of directory {@code path} ({@code ""}: the root) whose names sort after {@code after}, at most
     * {@code limit}. A directory the tree only implies (it holds entries but has none of its own) is listed too.
     */
    public Listing list(UUID backupId, String path, String after, int limit) throws IOException {
        String prefix = path.isEmpty() ? "" : path + "/";
        TreeMap<String, BrowseReport.Entry> page = new TreeMap<>();
        boolean exists = path.isEmpty();
        try (InputStream in = Files.newInputStream(tree(backupId));
                TreeReader reader = new TreeReader(in)) {
            for (TreeEntry e = reader.next(); e != null; e = reader.next()) {
                String p = e.displayPath();
                if (p.equals(path)) {
                    if (e.type() != TreeEntry.Type.DIRECTORY) {
                        throw new IOException(path + " is a " + kind(e) + ", not a directory");
                    }
                    exists = true;
                    continue;
                }
                if (!p.startsWith(prefix)) {
                    continue;
                }
                exists = true;
                String rest = p.substring(prefix.length());
                int slash = rest.indexOf('/');
                String name = slash < 0 ? rest : rest.substring(0, slash);
                if (after != null && name.compareTo(after) <= 0) {
                    continue;
                }
                if (slash < 0) {
                    page.put(name, entry(name, e));
                } else {
                    page.putIfAbsent(
                            name, new BrowseReport.Entry(name, BrowseReport.EntryType.DIRECTORY, 0, null, 0, null));
                }
                if (page.size() > limit + 1) {
                    page.pollLastEntry(); // beyond this page: only the first limit + 1 names matter
                }
            }
        }
        if (!exists) {
            throw new IOException("backup " + backupId + " has no directory " + path);
        }
        List<BrowseReport.Entry> entries = new ArrayList<>(page.values());
        String next = null;
        if (entries.size() > limit) {
            entries = entries.subList(0, limit);
            next = entries.getLast().name();
        }
        return new Listing(List.copyOf(entries), next);
    }

    /**
     * Reads file {@code path} of the backup into {@code into} (its holes as zeros), every chunk checked as in a
     * restore; refuses a directory, a symlink (never followed) and a file over {@code maxBytes}.
     */
    public Download read(UUID backupId, String path, long maxBytes, Path into, Progress progress) throws IOException {
        TreeEntry file = null;
        try (InputStream in = Files.newInputStream(tree(backupId));
                TreeReader reader = new TreeReader(in)) {
            for (TreeEntry e = reader.next(); e != null && file == null; e = reader.next()) {
                if (e.displayPath().equals(path)) {
                    file = e;
                }
            }
        }
        if (file == null) {
            throw new IOException("backup " + backupId + " has no file " + path);
        }
        if (file.type() != TreeEntry.Type.FILE) {
            throw new IOException(path + " is a " + kind(file) + ", not a file"
                    + (file.type() == TreeEntry.Type.SYMLINK
                            ? " (to " + TreePaths.display(file.target()) + "; links are not followed)"
                            : ""));
        }
        if (file.size() > maxBytes) {
            throw new IOException(path + " holds " + file.size() + " bytes, more than the " + maxBytes
                    + " a download sends: restore it instead");
        }
        progress.totalFiles.set(1);
        progress.totalBytes.set(file.size());
        Map<ChunkId, List<Long>> offsets = new HashMap<>();
        for (TreeEntry.Extent x : file.extents()) {
            offsets.computeIfAbsent(x.id(), k -> new ArrayList<>(1)).add(x.offset());
        }
        try (RandomAccessFile out = new RandomAccessFile(into.toFile(), "rw")) {
            out.setLength(0);
            out.setLength(file.size());
            ChunkFetcher.AllOrNothing reading = new ChunkFetcher.AllOrNothing("chunk") {
                @Override
                public void chunk(ChunkId id, byte[] plaintext) throws IOException {
                    synchronized (out) {
                        for (long offset : offsets.get(id)) {
                            out.seek(offset);
                            out.write(plaintext);
                            progress.bytes.addAndGet(plaintext.length);
                        }
                    }
                }
            };
            new ChunkFetcher(platform, new ChunkSealer(credentials.chunkKeys()), 2)
                    .fetch(backupId, new ArrayList<>(offsets.keySet()), reading);
            reading.check("cannot read " + path);
        }
        progress.files.set(1);
        String name = path.substring(path.lastIndexOf('/') + 1);
        return new Download(name, file.size(), sha256(into));
    }

    /** The backup's tree in the work directory, fetched unless it is there; trees of other backups are removed. */
    private synchronized Path tree(UUID backupId) throws IOException {
        Path tree = work.resolve("browse-" + backupId + ".tree");
        if (Files.exists(tree)) {
            return tree;
        }
        BackupView backup = BackupTree.restorable(platform, backupId);
        try (var old = Files.newDirectoryStream(work, "browse-*.tree")) {
            for (Path p : old) {
                Files.deleteIfExists(p);
            }
        }
        Path partial = work.resolve("browse-" + backupId + ".partial");
        BackupTree.fetch(
                platform, new ChunkFetcher(platform, new ChunkSealer(credentials.chunkKeys()), 2), backup, partial);
        return Files.move(partial, tree, StandardCopyOption.REPLACE_EXISTING);
    }

    private static BrowseReport.Entry entry(String name, TreeEntry e) {
        BrowseReport.EntryType type = switch (e.type()) {
            case DIRECTORY -> BrowseReport.EntryType.DIRECTORY;
            case FILE -> BrowseReport.EntryType.FILE;
            case SYMLINK -> BrowseReport.EntryType.SYMLINK;
            case FIFO, CHARACTER_DEVICE, BLOCK_DEVICE -> BrowseReport.EntryType.SPECIAL;
        };
        return new BrowseReport.Entry(
                name,
                type,
                e.type() == TreeEntry.Type.FILE ? e.size() : 0,
                e.mtimeSeconds() == 0 && e.mtimeNanos() == 0
                        ? null // Kubernetes objects carry no time of their own
                        : Instant.ofEpochSecond(e.mtimeSeconds(), e.mtimeNanos()),
                e.mode(),
                e.type() == TreeEntry.Type.SYMLINK ? TreePaths.display(e.target()) : null);
    }

    private static String kind(TreeEntry e) {
        return switch (e.type()) {
            case DIRECTORY -> "directory";
            case FILE -> "file";
            case SYMLINK -> "symbolic link";
            case FIFO -> "named pipe";
            case CHARACTER_DEVICE -> "character device";
            case BLOCK_DEVICE -> "block device";
        };
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
