package dev.cairn.agent.restore;

import dev.cairn.agent.credentials.AgentCredentials;
import dev.cairn.agent.platform.PlatformClient;
import dev.cairn.agent.progress.Progress;
import dev.cairn.api.agent.Outcome;
import dev.cairn.api.agent.backup.BackupView;
import dev.cairn.data.chunk.ChunkId;
import dev.cairn.data.chunk.ChunkSealer;
import dev.cairn.data.manifest.BackupManifest;
import dev.cairn.data.tree.TreeEntry;
import dev.cairn.data.tree.TreePaths;
import dev.cairn.data.tree.TreeReader;
import dev.cairn.data.tree.UnsafePathException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Restores a backup into a target directory that is empty or does not exist. Before writing anything it checks the
 * whole tree: every path must be relative, without {@code .} or {@code ..}, and lie in a directory that the restore
 * itself creates (so never through a restored symlink), each path once. Then it creates directories, symlinks (as
 * stored, never followed) and files at their full length (holes stay holes), fetches every chunk once and writes it
 * wherever it is used, and last sets modes, times (and owners when run as root), directories deepest first.
 */
public final class RestoreRun {
    /** What a restore did. */
    public record Result(
            UUID backup, Outcome phase, String failure, long files, long bytes, long damaged, double seconds) {}

    private record Target(int file, long offset) {}

    private final PlatformClient platform;
    private final ChunkSealer sealer;
    private final Path state;
    private final Progress progress;
    private final int threads;

    public RestoreRun(
            AgentCredentials credentials, PlatformClient platform, Path state, Progress progress, int threads) {
        this.platform = platform;
        this.sealer = new ChunkSealer(credentials.chunkKeys());
        this.state = state;
        this.progress = progress;
        this.threads = threads;
    }

    /** Whether {@code p} is the empty {@code lost+found} folder at the top of {@code root} (a new file system's). */
    static boolean isEmptyLostAndFound(Path root, Path p) {
        if (!p.getParent().equals(root) || !p.getFileName().toString().equals("lost+found")) {
            return false;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(p)) {
            return !s.iterator().hasNext();
        } catch (IOException e) {
            return false;
        }
    }

    public Result run(UUID backupId, Path target) throws IOException {
        BackupView backup = BackupTree.restorable(platform, backupId);
        Path root = target.toAbsolutePath().normalize();
        if (Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException(target + " exists and is not a directory");
            }
            try (DirectoryStream<Path> s = Files.newDirectoryStream(root)) {
                // a fresh file system's empty lost+found (a new volume's mount point) does not count
                if (java.util.stream.StreamSupport.stream(s.spliterator(), false)
                        .anyMatch(p -> !isEmptyLostAndFound(root, p))) {
                    throw new IOException(target + " is not empty: a restore never replaces what is there; "
                            + "restore into a new or empty directory");
                }
            }
        }
        BackupManifest.Statistics stats = backup.statistics();
        progress.totalFiles.set(stats == null ? -1 : stats.files());
        progress.totalBytes.set(stats == null ? -1 : stats.logicalBytes());
        ChunkSealer.warmUpInBackground();
        ChunkFetcher fetcher = new ChunkFetcher(platform, sealer, threads);
        Path work = Files.createDirectories(state.resolve("work"));
        Path tree = work.resolve("restore-" + backupId + ".tree");
        try {
            progress.stage("reading the file tree");
            BackupTree.fetch(platform, fetcher, backup, tree);
            check(tree);
            Files.createDirectories(root);
            progress.stage("");
            try (RestoreWriter writer = RestoreWriter.under(root)) {
                return write(backupId, root, tree, writer, fetcher);
            }
        } finally {
            Files.deleteIfExists(tree);
        }
    }

    /** Writes the checked tree's entries, then their data, then their metadata. */
    private Result write(UUID backupId, Path root, Path tree, RestoreWriter writer, ChunkFetcher fetcher)
            throws IOException {
        List<byte[]> files = new ArrayList<>();
        Map<ChunkId, List<Target>> targets = new HashMap<>();
        Set<ByteBuffer> notMade = new HashSet<>();
        String notMadeReason = null;
        try (InputStream in = Files.newInputStream(tree);
                TreeReader reader = new TreeReader(in)) {
            for (TreeEntry e = reader.next(); e != null; e = reader.next()) {
                switch (e.type()) {
                    case DIRECTORY -> {
                        if (!isEmptyLostAndFound(root, writer.resolve(e.path()))) {
                            writer.mkdir(e.path());
                        }
                    }
                    case SYMLINK -> writer.symlink(e.path(), e.target());
                    case FIFO, CHARACTER_DEVICE, BLOCK_DEVICE -> {
                        String refused = special(writer, e);
                        if (refused == null) {
                            progress.files.incrementAndGet();
                        } else {
                            notMade.add(ByteBuffer.wrap(e.path()));
                            if (notMadeReason == null) {
                                notMadeReason = e.displayPath() + ": " + refused;
                            }
                        }
                    }
                    case FILE -> {
                        // made at its length: holes are never written
                        writer.create(e.path(), e.size());
                        int index = files.size();
                        files.add(e.path());
                        for (TreeEntry.Extent x : e.extents()) {
                            targets.computeIfAbsent(x.id(), k -> new ArrayList<>(1))
                                    .add(new Target(index, x.offset()));
                        }
                        progress.bytes.addAndGet(e.size() - e.storedLength());
                        if (e.extents().isEmpty()) {
                            progress.files.incrementAndGet();
                        }
                    }
                }
            }
        }
        long[] damaged = {0};
        Map<Integer, Integer> remaining = new HashMap<>();
        targets.values().forEach(ts -> ts.forEach(t -> remaining.merge(t.file(), 1, Integer::sum)));
        fetcher.fetch(backupId, new ArrayList<>(targets.keySet()), new ChunkFetcher.Handler() {
            @Override
            public void chunk(ChunkId id, byte[] plaintext) throws IOException {
                for (Target t : targets.get(id)) {
                    writer.write(files.get(t.file()), plaintext, t.offset());
                    progress.bytes.addAndGet(plaintext.length);
                    synchronized (remaining) {
                        if (remaining.merge(t.file(), -1, Integer::sum) == 0) {
                            progress.files.incrementAndGet();
                        }
                    }
                }
            }

            @Override
            public synchronized void damaged(ChunkId id, String reason) {
                damaged[0]++;
            }

            @Override
            public synchronized void missing(ChunkId id) {
                damaged[0]++;
            }
        });
        progress.stage("setting modes and times");
        metadata(tree, writer, notMade);
        progress.stage("");
        List<String> problems = new ArrayList<>();
        if (damaged[0] > 0) {
            problems.add(damaged[0] + " chunk(s) damaged or missing");
        }
        if (!notMade.isEmpty()) {
            problems.add(notMade.size() + " FIFO(s) or device node(s) not made (" + notMadeReason + ")");
        }
        Outcome phase = problems.isEmpty() ? Outcome.Completed : Outcome.PartiallyFailed;
        return new Result(
                backupId,
                phase,
                problems.isEmpty() ? null : String.join("; ", problems),
                progress.files.get(),
                progress.bytes.get(),
                damaged[0],
                progress.seconds());
    }

    /** Refuses the whole restore, before anything is written, if one path could lead outside the target. */
    private static void check(Path tree) throws IOException {
        Set<ByteBuffer> directories = new HashSet<>();
        Set<ByteBuffer> seen = new HashSet<>();
        try (InputStream in = Files.newInputStream(tree);
                TreeReader reader = new TreeReader(in)) {
            for (TreeEntry e = reader.next(); e != null; e = reader.next()) {
                TreePaths.checkSafe(e.path());
                byte[] parent = TreePaths.parent(e.path());
                if (parent.length > 0 && !directories.contains(ByteBuffer.wrap(parent))) {
                    throw new UnsafePathException(
                            e.path(),
                            seen.contains(ByteBuffer.wrap(parent))
                                    ? "a path through a restored symlink or file"
                                    : "a path whose directory is not restored before it");
                }
                if (!seen.add(ByteBuffer.wrap(e.path()))) {
                    throw new UnsafePathException(e.path(), "a path that appears twice");
                }
                if (e.type() == TreeEntry.Type.DIRECTORY) {
                    directories.add(ByteBuffer.wrap(e.path()));
                }
            }
        }
    }

    /**
     * Makes a FIFO or a device node as the tree has it ({@code mknod}, owner-only until its mode is set with the
     * others): null, or why it could not be made (a device node needs {@code CAP_MKNOD}).
     */
    private static String special(RestoreWriter writer, TreeEntry e) throws IOException {
        int type = switch (e.type()) {
            case FIFO -> S_IFIFO;
            case CHARACTER_DEVICE -> S_IFCHR;
            default -> S_IFBLK;
        };
        int errno = writer.special(e.path(), type | 0600, e.device());
        return switch (errno) {
            case 0 -> null;
            case -1 -> "this agent cannot make special files here (no native calls)";
            case EPERM -> "making a device node needs privileges (CAP_MKNOD) this agent does not have";
            default -> "mknod failed with errno " + errno;
        };
    }

    private static final int S_IFIFO = 0010000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFBLK = 0060000;
    private static final int EPERM = 1;

    private static void metadata(Path tree, RestoreWriter writer, Set<ByteBuffer> notMade) throws IOException {
        boolean asRoot = isRoot();
        List<TreeEntry> directories = new ArrayList<>();
        try (InputStream in = Files.newInputStream(tree);
                TreeReader reader = new TreeReader(in)) {
            for (TreeEntry e = reader.next(); e != null; e = reader.next()) {
                if (e.type() == TreeEntry.Type.DIRECTORY) {
                    directories.add(new TreeEntry(
                            e.type(),
                            e.path(),
                            e.mode(),
                            e.uid(),
                            e.gid(),
                            e.mtimeSeconds(),
                            e.mtimeNanos(),
                            0,
                            0,
                            0,
                            List.of(),
                            new byte[0]));
                } else if (!notMade.contains(ByteBuffer.wrap(e.path()))) {
                    writer.metadata(e, asRoot);
                }
            }
        }
        for (int i = directories.size() - 1; i >= 0; i--) {
            TreeEntry d = directories.get(i);
            writer.metadata(d, asRoot);
        }
    }

    private static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
