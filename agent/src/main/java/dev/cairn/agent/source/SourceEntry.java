package dev.cairn.agent.source;

import dev.cairn.data.tree.TreeEntry;

/**
 * One entry of a source, with what the tree keeps of it ({@link TreeEntry} without extents).
 *
 * @param content how to read a file; null for others
 * @param device a device node's number (see {@link TreeEntry#device()}); 0 for others
 */
public record SourceEntry(
        TreeEntry.Type type,
        byte[] path,
        int mode,
        int uid,
        int gid,
        long mtimeSeconds,
        int mtimeNanos,
        long size,
        long inode,
        long ctimeNanos,
        byte[] target,
        Content content,
        long device) {

    /** An entry that is not a device node. */
    public SourceEntry(
            TreeEntry.Type type,
            byte[] path,
            int mode,
            int uid,
            int gid,
            long mtimeSeconds,
            int mtimeNanos,
            long size,
            long inode,
            long ctimeNanos,
            byte[] target,
            Content content) {
        this(type, path, mode, uid, gid, mtimeSeconds, mtimeNanos, size, inode, ctimeNanos, target, content, 0);
    }
}
