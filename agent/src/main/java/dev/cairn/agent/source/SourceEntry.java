package dev.cairn.agent.source;

import dev.cairn.data.tree.TreeEntry;

/**
 * One entry of a source, with what the tree keeps of it ({@link TreeEntry} without extents).
 *
 * @param content how to read a file; null for others
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
        Content content) {}
