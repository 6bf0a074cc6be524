package dev.cairn.data.tree;

import dev.cairn.data.chunk.ChunkId;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads a file tree v1 entry by entry; a malformed tree fails with {@link IllegalArgumentException}. */
public final class TreeReader implements AutoCloseable {
    private static final int MAX_EXTENTS = 1 << 24;
    private final DataInputStream in;
    private boolean done;

    public TreeReader(InputStream in) throws IOException {
        this.in = new DataInputStream(new BufferedInputStream(in, 1 << 16));
        byte[] magic = this.in.readNBytes(4);
        if (!Arrays.equals(magic, TreeWriter.MAGIC)) {
            throw new IllegalArgumentException("not a file tree v1");
        }
    }

    /** The next entry, or null after the last. */
    public TreeEntry next() throws IOException {
        if (done) {
            return null;
        }
        try {
            int code = in.readUnsignedByte();
            if (code == 0) {
                done = true;
                return null;
            }
            TreeEntry.Type type = TreeEntry.Type.of(code);
            byte[] path = bytes(TreePaths.MAX_LENGTH);
            int mode = in.readInt();
            int uid = in.readInt();
            int gid = in.readInt();
            long mtime = in.readLong();
            int nanos = in.readInt();
            long size = 0;
            long inode = 0;
            long ctime = 0;
            List<TreeEntry.Extent> extents = List.of();
            byte[] target = new byte[0];
            if (type == TreeEntry.Type.FILE) {
                size = in.readLong();
                inode = in.readLong();
                ctime = in.readLong();
                int count = in.readInt();
                if (count < 0 || count > MAX_EXTENTS) {
                    throw new IllegalArgumentException("bad extent count " + count);
                }
                extents = new ArrayList<>(count);
                long end = 0;
                byte[] id = new byte[ChunkId.LENGTH];
                for (int i = 0; i < count; i++) {
                    long offset = in.readLong();
                    int length = in.readInt();
                    in.readFully(id);
                    if (offset < end || length <= 0 || offset + length > size) {
                        throw new IllegalArgumentException("bad extent in " + TreePaths.display(path));
                    }
                    end = offset + length;
                    extents.add(new TreeEntry.Extent(offset, length, ChunkId.of(id)));
                }
            } else if (type == TreeEntry.Type.SYMLINK) {
                target = bytes(TreePaths.MAX_LENGTH);
            }
            return new TreeEntry(type, path, mode, uid, gid, mtime, nanos, size, inode, ctime, extents, target);
        } catch (EOFException e) {
            throw new IllegalArgumentException("the file tree is truncated");
        }
    }

    private byte[] bytes(int max) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > max) {
            throw new IllegalArgumentException("bad length " + length);
        }
        return in.readNBytes(length);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
