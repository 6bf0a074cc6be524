package dev.cairn.agent.source;

import dev.cairn.agent.fs.DataRegions;
import dev.cairn.agent.fs.NativeFiles;
import dev.cairn.agent.fs.RawPaths;
import dev.cairn.data.tree.TreeEntry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
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

/**
 * A local directory, walked without following symlinks (they are stored as links), names kept as raw bytes, sparse
 * files read region by region. Sockets, FIFOs and devices are skipped with a warning.
 */
public final class LocalDirectorySource implements Source {
    private static final int S_IFMT = 0170000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFLNK = 0120000;
    private static final int S_IFIFO = 0010000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFBLK = 0060000;
    private static final String ATTRIBUTES = "unix:mode,ino,ctime,uid,gid,size,lastModifiedTime,rdev";

    private final Path root;
    private final byte[] rootBytes;

    public LocalDirectorySource(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(this.root, LinkOption.NOFOLLOW_LINKS)) {
            throw new NotDirectoryException(root + " (a backup source must be a directory, not a link to one)");
        }
        this.rootBytes = RawPaths.bytes(this.root);
    }

    @Override
    public String description() {
        return "local:" + root;
    }

    @Override
    public void walk(Visitor visitor) throws IOException {
        directory(root, rootBytes, new byte[0], visitor);
    }

    private void directory(Path dir, byte[] absolute, byte[] relative, Visitor visitor) throws IOException {
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
            byte[] childAbsolute = join(absolute, names[i]);
            NativeFiles.Status a;
            try {
                a = status(child, childAbsolute);
            } catch (NoSuchFileException e) {
                visitor.warning(path, "vanished before it was read");
                continue;
            } catch (IOException e) {
                visitor.error(path, "cannot read its attributes: " + e.getMessage());
                continue;
            }
            int mode = a.mode();
            switch (mode & S_IFMT) {
                case S_IFDIR -> {
                    visitor.entry(entry(TreeEntry.Type.DIRECTORY, path, a, 0, 0, 0, new byte[0], null));
                    directory(child, childAbsolute, path, visitor);
                }
                case S_IFREG ->
                    visitor.entry(entry(
                            TreeEntry.Type.FILE,
                            path,
                            a,
                            a.size(),
                            a.inode(),
                            a.ctimeNanos(),
                            new byte[0],
                            new LocalContent(child, childAbsolute, a)));
                case S_IFLNK -> {
                    byte[] target;
                    try {
                        target = RawPaths.bytes(Files.readSymbolicLink(child));
                    } catch (NoSuchFileException e) {
                        visitor.warning(path, "vanished before it was read");
                        continue;
                    }
                    visitor.entry(entry(TreeEntry.Type.SYMLINK, path, a, 0, 0, 0, target, null));
                }
                case S_IFIFO -> visitor.entry(entry(TreeEntry.Type.FIFO, path, a, 0, 0, 0, new byte[0], null));
                case S_IFCHR ->
                    visitor.entry(entry(TreeEntry.Type.CHARACTER_DEVICE, path, a, 0, 0, 0, new byte[0], null));
                case S_IFBLK -> visitor.entry(entry(TreeEntry.Type.BLOCK_DEVICE, path, a, 0, 0, 0, new byte[0], null));
                default ->
                    visitor.warning(
                            path, "skipped: a socket (made again by the program that listens on it, not restorable)");
            }
        }
    }

    private static SourceEntry entry(
            TreeEntry.Type type,
            byte[] path,
            NativeFiles.Status a,
            long size,
            long inode,
            long ctime,
            byte[] target,
            Content content) {
        return new SourceEntry(
                type,
                path,
                a.mode() & 07777,
                a.uid(),
                a.gid(),
                a.mtimeSeconds(),
                a.mtimeNanos(),
                size,
                inode,
                ctime,
                target,
                content,
                a.device());
    }

    /**
     * A file's status, links not followed: one {@code statx} (see {@link NativeFiles}); where that is not available
     * or fails, the JDK's attributes, which also say why it failed.
     */
    private static NativeFiles.Status status(Path file, byte[] absolute) throws IOException {
        NativeFiles.Status status = NativeFiles.lstat(absolute);
        if (status != null) {
            return status;
        }
        Map<String, Object> a = Files.readAttributes(file, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        var mtime = ((FileTime) a.get("lastModifiedTime")).toInstant();
        var ctime = ((FileTime) a.get("ctime")).toInstant();
        return new NativeFiles.Status(
                (Integer) a.get("mode"),
                (Long) a.get("ino"),
                (Integer) a.get("uid"),
                (Integer) a.get("gid"),
                (Long) a.get("size"),
                mtime.getEpochSecond(),
                mtime.getNano(),
                ctime.getEpochSecond() * 1_000_000_000L + ctime.getNano(),
                NativeFiles.device((Long) a.get("rdev")));
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
        private final byte[] absolute;
        private final NativeFiles.Status walked;

        LocalContent(Path file, byte[] absolute, NativeFiles.Status walked) {
            this.file = file;
            this.absolute = absolute;
            this.walked = walked;
        }

        @Override
        public List<DataRegions.Region> regions() {
            long size = walked.size();
            return size < 64 * 1024
                    ? (size == 0 ? List.of() : List.of(new DataRegions.Region(0, size)))
                    : DataRegions.of(absolute, size);
        }

        @Override
        public InputStream open(DataRegions.Region region) throws IOException {
            int fd = NativeFiles.open(absolute);
            if (fd >= 0) {
                return new NativeStream(fd, region);
            }
            // not available, or failed: the JDK opens it or says why not
            return new ChannelStream(
                    FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS), region);
        }

        @Override
        public boolean changedSinceWalk() throws IOException {
            NativeFiles.Status now = status(file, absolute);
            return now.size() != walked.size()
                    || now.mtimeSeconds() != walked.mtimeSeconds()
                    || now.mtimeNanos() != walked.mtimeNanos()
                    || now.ctimeNanos() != walked.ctimeNanos();
        }
    }

    /**
     * A region of an open file, read at positions (the file's own offset is never moved); closing it closes the
     * file. Ends early, without an error, when the file has become shorter: the caller notes the change.
     */
    private abstract static class RegionStream extends InputStream {
        private long position;
        private final long end;
        private boolean closed;

        RegionStream(DataRegions.Region region) {
            this.position = region.start();
            this.end = region.end();
        }

        /** Reads up to {@code length} bytes at {@code at}: the count, 0 or less at the end of the file. */
        abstract int readAt(byte[] into, int offset, int length, long at) throws IOException;

        abstract void release() throws IOException;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (closed) {
                throw new IOException("stream closed");
            }
            if (position >= end) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            int n = readAt(b, off, (int) Math.min(len, end - position), position);
            if (n <= 0) {
                return -1;
            }
            position += n;
            return n;
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                release();
            }
        }
    }

    /** A region read with {@code pread} on a file descriptor of {@link NativeFiles}. */
    private static final class NativeStream extends RegionStream {
        private final int fd;

        NativeStream(int fd, DataRegions.Region region) {
            super(region);
            this.fd = fd;
        }

        @Override
        int readAt(byte[] into, int offset, int length, long at) throws IOException {
            int n = NativeFiles.pread(fd, into, offset, length, at);
            if (n < 0) {
                throw new IOException("read failed at offset " + at);
            }
            return n;
        }

        @Override
        void release() {
            NativeFiles.close(fd);
        }
    }

    /** A region read through the JDK's positional reads, where {@link NativeFiles} is not available. */
    private static final class ChannelStream extends RegionStream {
        private final FileChannel channel;

        ChannelStream(FileChannel channel, DataRegions.Region region) {
            super(region);
            this.channel = channel;
        }

        @Override
        int readAt(byte[] into, int offset, int length, long at) throws IOException {
            return channel.read(ByteBuffer.wrap(into, offset, length), at);
        }

        @Override
        void release() throws IOException {
            channel.close();
        }
    }
}
