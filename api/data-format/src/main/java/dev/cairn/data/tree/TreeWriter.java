package dev.cairn.data.tree;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Writes a file tree v1: a header, the entries in walk order (a directory before what it holds), an end mark. */
public final class TreeWriter implements AutoCloseable {
    static final byte[] MAGIC = {'C', 'T', 'R', 1};
    private final DataOutputStream out;
    private boolean ended;

    public TreeWriter(OutputStream out) throws IOException {
        this.out = new DataOutputStream(new BufferedOutputStream(out, 1 << 16));
        this.out.write(MAGIC);
    }

    public void write(TreeEntry e) throws IOException {
        out.writeByte(e.type().code);
        bytes(e.path());
        out.writeInt(e.mode());
        out.writeInt(e.uid());
        out.writeInt(e.gid());
        out.writeLong(e.mtimeSeconds());
        out.writeInt(e.mtimeNanos());
        switch (e.type()) {
            case FILE -> {
                out.writeLong(e.size());
                out.writeLong(e.inode());
                out.writeLong(e.ctimeNanos());
                out.writeInt(e.extents().size());
                for (TreeEntry.Extent x : e.extents()) {
                    out.writeLong(x.offset());
                    out.writeInt(x.length());
                    out.write(x.id().bytes());
                }
            }
            case SYMLINK -> bytes(e.target());
            case CHARACTER_DEVICE, BLOCK_DEVICE -> out.writeLong(e.device());
            case DIRECTORY, FIFO -> {}
        }
    }

    private void bytes(byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    /** Writes the end mark and flushes; the underlying stream stays open. */
    public void end() throws IOException {
        if (!ended) {
            out.writeByte(0);
            out.flush();
            ended = true;
        }
    }

    @Override
    public void close() throws IOException {
        end();
        out.close();
    }
}
