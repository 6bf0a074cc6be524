package dev.cairn.data.tree;

import dev.cairn.data.chunk.ChunkId;
import dev.cairn.data.chunk.ChunkSealer;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a file tree v1 entry by entry; a malformed tree fails with {@link IllegalArgumentException}. A tree comes from
 * an agent, which may have been compromised: every count and length is checked before anything is allocated for it,
 * and offsets are added with overflow checks, so that a crafted tree fails cleanly instead of exhausting memory or
 * wrapping around ({@code TreeReaderFuzzTest}).
 */
public final class TreeReader implements AutoCloseable {
    /** At most this many extents per file (a 4 TiB file of 256 KiB chunks; the chunker's minimum). */
    public static final int MAX_EXTENTS = 1 << 24;

    /** The largest file a tree may describe (a petabyte: more than any file system here holds). */
    public static final long MAX_FILE_SIZE = 1L << 50;

    /** Extents are allocated as they are read, never ahead for the count a tree claims. */
    private static final int INITIAL_EXTENTS = 64;

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
            if ((mode & ~07777) != 0) {
                throw new IllegalArgumentException(
                        "bad mode " + Integer.toOctalString(mode) + " of " + TreePaths.display(path));
            }
            int uid = in.readInt();
            int gid = in.readInt();
            long mtime = in.readLong();
            int nanos = in.readInt();
            long size = 0;
            long inode = 0;
            long ctime = 0;
            List<TreeEntry.Extent> extents = List.of();
            byte[] target = new byte[0];
            long device = 0;
            if (type == TreeEntry.Type.FILE) {
                size = in.readLong();
                if (size < 0 || size > MAX_FILE_SIZE) {
                    throw new IllegalArgumentException("bad size " + size + " of " + TreePaths.display(path));
                }
                inode = in.readLong();
                ctime = in.readLong();
                int count = in.readInt();
                if (count < 0 || count > MAX_EXTENTS) {
                    throw new IllegalArgumentException("bad extent count " + count);
                }
                extents = new ArrayList<>(Math.min(count, INITIAL_EXTENTS));
                long end = 0;
                byte[] id = new byte[ChunkId.LENGTH];
                for (int i = 0; i < count; i++) {
                    long offset = in.readLong();
                    int length = in.readInt();
                    in.readFully(id);
                    if (offset < end
                            || length <= 0
                            || length > ChunkSealer.MAX_PLAIN_LENGTH
                            || Math.addExact(offset, length) > size) {
                        throw new IllegalArgumentException("bad extent in " + TreePaths.display(path));
                    }
                    end = offset + length;
                    extents.add(new TreeEntry.Extent(offset, length, ChunkId.of(id)));
                }
            } else if (type == TreeEntry.Type.SYMLINK) {
                target = bytes(TreePaths.MAX_LENGTH);
            } else if (type == TreeEntry.Type.CHARACTER_DEVICE || type == TreeEntry.Type.BLOCK_DEVICE) {
                device = in.readLong();
            }
            return new TreeEntry(type, path, mode, uid, gid, mtime, nanos, size, inode, ctime, extents, target, device);
        } catch (EOFException e) {
            throw new IllegalArgumentException("the file tree is truncated");
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("an extent of the file tree ends beyond any offset");
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
