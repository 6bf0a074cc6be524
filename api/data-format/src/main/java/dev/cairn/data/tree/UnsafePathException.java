package dev.cairn.data.tree;

/** A tree path that a restore refuses to write, because it could lead outside the restore's target. */
public class UnsafePathException extends RuntimeException {
    private final String path;

    public UnsafePathException(byte[] path, String what) {
        super("refused " + what + ": '" + TreePaths.display(path) + "'");
        this.path = TreePaths.display(path);
    }

    /** The refused path, for messages. */
    public String path() {
        return path;
    }
}
