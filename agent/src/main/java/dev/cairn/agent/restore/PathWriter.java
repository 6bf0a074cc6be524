package dev.cairn.agent.restore;

import dev.cairn.agent.fs.NativeFiles;
import dev.cairn.agent.fs.RawPaths;
import dev.cairn.data.tree.TreeEntry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

/**
 * A {@link RestoreWriter} by path, for where directory descriptors are not available: the last component of a path
 * is never followed, the others are resolved again on each call.
 */
final class PathWriter implements RestoreWriter {
    private final Path root;

    PathWriter(Path root) {
        this.root = root;
    }

    @Override
    public Path resolve(byte[] path) {
        return root.resolve(RawPaths.path(path));
    }

    @Override
    public void mkdir(byte[] path) throws IOException {
        Files.createDirectory(resolve(path));
    }

    @Override
    public void symlink(byte[] path, byte[] target) throws IOException {
        Files.createSymbolicLink(resolve(path), RawPaths.path(target));
    }

    @Override
    public int special(byte[] path, int mode, long device) {
        return NativeFiles.mknod(RawPaths.bytes(resolve(path)), mode, device);
    }

    @Override
    public void create(byte[] path, long size) throws IOException {
        try (FileChannel f = FileChannel.open(
                resolve(path), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            if (size > 0) {
                // FileChannel cannot extend without writing: one zero byte at the end gives the length
                f.write(ByteBuffer.allocate(1), size - 1);
            }
        }
    }

    @Override
    public void write(byte[] path, byte[] data, long position) throws IOException {
        try (FileChannel f = FileChannel.open(resolve(path), StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer b = ByteBuffer.wrap(data);
            long at = position;
            while (b.hasRemaining()) {
                at += f.write(b, at);
            }
        }
    }

    @Override
    public void metadata(TreeEntry e, boolean asRoot) throws IOException {
        Path p = resolve(e.path());
        if (e.type() == TreeEntry.Type.FIFO || e.isDevice()) {
            // the JDK sets owners, modes and times through a descriptor it opens, and opening a FIFO waits for a
            // writer: these take the calls that work on the path
            byte[] absolute = RawPaths.bytes(p);
            if (asRoot) {
                check(p, "owner", NativeFiles.lchown(absolute, e.uid(), e.gid()));
            }
            check(p, "mode", NativeFiles.chmod(absolute, e.mode()));
            check(p, "time", NativeFiles.setModificationTime(absolute, e.mtimeSeconds(), e.mtimeNanos()));
            return;
        }
        if (asRoot) {
            Files.setAttribute(p, "unix:uid", e.uid(), LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(p, "unix:gid", e.gid(), LinkOption.NOFOLLOW_LINKS);
        }
        if (e.type() != TreeEntry.Type.SYMLINK) {
            Files.setAttribute(p, "unix:mode", e.mode(), LinkOption.NOFOLLOW_LINKS);
        }
        Files.getFileAttributeView(p, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setTimes(FileTime.from(Instant.ofEpochSecond(e.mtimeSeconds(), e.mtimeNanos())), null, null);
    }

    private static void check(Path p, String what, int errno) throws IOException {
        if (errno != 0) {
            throw new IOException("cannot set the " + what + " of " + p + " (errno " + errno + ")");
        }
    }

    @Override
    public void close() {}
}
