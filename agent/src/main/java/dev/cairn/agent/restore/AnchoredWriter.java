package dev.cairn.agent.restore;

import dev.cairn.agent.fs.AnchoredFiles;
import dev.cairn.agent.fs.RawPaths;
import dev.cairn.data.tree.TreeEntry;
import java.io.IOException;
import java.nio.file.Path;

/** A {@link RestoreWriter} that reaches every path from the target's descriptor ({@link AnchoredFiles}). */
final class AnchoredWriter implements RestoreWriter {
    private final AnchoredFiles files;
    private final Path root;

    AnchoredWriter(AnchoredFiles files, Path root) {
        this.files = files;
        this.root = root;
    }

    @Override
    public void mkdir(byte[] path) throws IOException {
        files.mkdir(path);
    }

    @Override
    public void symlink(byte[] path, byte[] target) throws IOException {
        files.symlink(path, target);
    }

    @Override
    public int special(byte[] path, int mode, long device) throws IOException {
        return files.mknod(path, mode, device);
    }

    @Override
    public void create(byte[] path, long size) throws IOException {
        files.create(path, size);
    }

    @Override
    public void write(byte[] path, byte[] data, long position) throws IOException {
        files.write(path, data, position);
    }

    @Override
    public void metadata(TreeEntry e, boolean asRoot) throws IOException {
        if (asRoot) {
            files.chown(e.path(), e.uid(), e.gid());
        }
        if (e.type() != TreeEntry.Type.SYMLINK) {
            files.chmod(e.path(), e.mode());
        }
        files.setModificationTime(e.path(), e.mtimeSeconds(), e.mtimeNanos());
    }

    @Override
    public Path resolve(byte[] path) {
        return root.resolve(RawPaths.path(path));
    }

    @Override
    public void close() {
        files.close();
    }
}
