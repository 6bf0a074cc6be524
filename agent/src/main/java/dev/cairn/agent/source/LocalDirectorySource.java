package dev.cairn.agent.source;

import dev.cairn.agent.fs.DataRegions;
import dev.cairn.agent.fs.RawPaths;
import dev.cairn.data.tree.TreeEntry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A local directory, walked without following symlinks (they are stored as links), names kept as raw bytes, sparse
 * files read region by region. Sockets, FIFOs and devices are skipped with a warning.
 */
public final class LocalDirectorySource implements Source {
    private static final int S_IFMT = 0170000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFLNK = 0120000;
    private static final String ATTRIBUTES = "unix:mode,ino,ctime,uid,gid,size,lastModifiedTime";

    private final Path root;

    public LocalDirectorySource(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(this.root, LinkOption.NOFOLLOW_LINKS)) {
            throw new NotDirectoryException(root + " (a backup source must be a directory, not a link to one)");
        }
    }

    @Override
    public String description() {
        return "local:" + root;
    }

    @Override
    public void walk(Visitor visitor) throws IOException {
        directory(root, new byte[0], visitor);
    }

    private void directory(Path dir, byte[] relative, Visitor visitor) throws IOException {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(children::add);
        } catch (NoSuchFileException e) {
            visitor.warning(relative, "vanished while being read");
            return;
        } catch (IOException e) {
            visitor.error(relative, "cannot list: " + e.getMessage());
            return;
        }
        byte[][] names = new byte[children.size()][];
        Integer[] order = new Integer[children.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = RawPaths.bytes(children.get(i).getFileName());
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Arrays.compareUnsigned(names[a], names[b]));
        for (int i : order) {
            Path child = children.get(i);
            byte[] path = relative.length == 0 ? names[i] : join(relative, names[i]);
            Map<String, Object> a;
            try {
                a = Files.readAttributes(child, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                visitor.warning(path, "vanished before it was read");
                continue;
            } catch (IOException e) {
                visitor.error(path, "cannot read its attributes: " + e.getMessage());
                continue;
            }
            int mode = (Integer) a.get("mode");
            FileTime mtime = (FileTime) a.get("lastModifiedTime");
            long seconds = mtime.to(TimeUnit.SECONDS);
            int nanos = mtime.toInstant().getNano();
            int uid = (Integer) a.get("uid");
            int gid = (Integer) a.get("gid");
            switch (mode & S_IFMT) {
                case S_IFDIR -> {
                    visitor.entry(new SourceEntry(
                            TreeEntry.Type.DIRECTORY,
                            path,
                            mode & 07777,
                            uid,
                            gid,
                            seconds,
                            nanos,
                            0,
                            0,
                            0,
                            new byte[0],
                            null));
                    directory(child, path, visitor);
                }
                case S_IFREG -> {
                    long size = (Long) a.get("size");
                    long inode = (Long) a.get("ino");
                    long ctime = nanos((FileTime) a.get("ctime"));
                    visitor.entry(new SourceEntry(
                            TreeEntry.Type.FILE,
                            path,
                            mode & 07777,
                            uid,
                            gid,
                            seconds,
                            nanos,
                            size,
                            inode,
                            ctime,
                            new byte[0],
                            new LocalContent(child, size, mtime, ctime)));
                }
                case S_IFLNK -> {
                    byte[] target;
                    try {
                        target = RawPaths.bytes(Files.readSymbolicLink(child));
                    } catch (NoSuchFileException e) {
                        visitor.warning(path, "vanished before it was read");
                        continue;
                    }
                    visitor.entry(new SourceEntry(
                            TreeEntry.Type.SYMLINK,
                            path,
                            mode & 07777,
                            uid,
                            gid,
                            seconds,
                            nanos,
                            0,
                            0,
                            0,
                            target,
                            null));
                }
                default -> visitor.warning(path, "skipped: not a file, directory or symlink (socket, FIFO or device)");
            }
        }
    }

    private static long nanos(FileTime time) {
        var instant = time.toInstant();
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    private static byte[] join(byte[] parent, byte[] name) {
        byte[] path = Arrays.copyOf(parent, parent.length + 1 + name.length);
        path[parent.length] = '/';
        System.arraycopy(name, 0, path, parent.length + 1, name.length);
        return path;
    }

    /** A regular file's content, opened without following links. */
    private static final class LocalContent implements Content {
        private final Path file;
        private final long size;
        private final FileTime mtime;
        private final long ctime;

        LocalContent(Path file, long size, FileTime mtime, long ctime) {
            this.file = file;
            this.size = size;
            this.mtime = mtime;
            this.ctime = ctime;
        }

        @Override
        public List<DataRegions.Region> regions() {
            return size < 64 * 1024
                    ? (size == 0 ? List.of() : List.of(new DataRegions.Region(0, size)))
                    : DataRegions.of(RawPaths.bytes(file), size);
        }

        @Override
        public InputStream open(DataRegions.Region region) throws IOException {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
            try {
                channel.position(region.start());
                return new BoundedStream(Channels.newInputStream(channel), region.length());
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        }

        @Override
        public boolean changedSinceWalk() throws IOException {
            Map<String, Object> a =
                    Files.readAttributes(file, "unix:size,ctime,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
            return (Long) a.get("size") != size
                    || !a.get("lastModifiedTime").equals(mtime)
                    || nanos((FileTime) a.get("ctime")) != ctime;
        }
    }

    /** At most {@code remaining} bytes of a stream. */
    private static final class BoundedStream extends InputStream {
        private final InputStream in;
        private long remaining;

        BoundedStream(InputStream in, long remaining) {
            this.in = in;
            this.remaining = remaining;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
