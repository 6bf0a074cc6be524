package dev.cairn.agent.restore;

import dev.cairn.agent.fs.AnchoredFiles;
import dev.cairn.data.tree.TreeEntry;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Where a restore writes: the entries of a tree under one target directory, by their relative raw paths (checked
 * before anything is written: no {@code ..}, each under a directory the restore made). On Linux every path is reached
 * from the target's own descriptor without following a link ({@link AnchoredWriter}), so that nothing swapped in
 * while the restore runs can send a write outside the target; elsewhere by path ({@link PathWriter}).
 */
interface RestoreWriter extends Closeable {
    /** The writer for {@code root}, an existing directory. */
    static RestoreWriter under(Path root) throws IOException {
        return AnchoredFiles.available() ? new AnchoredWriter(AnchoredFiles.open(root), root) : new PathWriter(root);
    }

    /** Makes a directory (owner-only until {@link #metadata}). */
    void mkdir(byte[] path) throws IOException;

    /** Makes a symlink to {@code target} as it was recorded. */
    void symlink(byte[] path, byte[] target) throws IOException;

    /**
     * Makes a FIFO or a device node ({@code mode}: type and permission bits; {@code device}: the tree's form): 0, or
     * the {@code errno} of the failure; -1 when special files cannot be made here.
     */
    int special(byte[] path, int mode, long device) throws IOException;

    /** Makes a regular file of {@code size} bytes that must not exist yet; its data comes with {@link #write}. */
    void create(byte[] path, long size) throws IOException;

    /** Writes part of a regular file the restore made. */
    void write(byte[] path, byte[] data, long position) throws IOException;

    /** Sets the owner (when {@code asRoot}), mode (but a symlink's) and modification time the tree has. */
    void metadata(TreeEntry e, boolean asRoot) throws IOException;

    /** The absolute path of {@code path}, for messages and for checks by path. */
    Path resolve(byte[] path);

    @Override
    void close() throws IOException;
}
