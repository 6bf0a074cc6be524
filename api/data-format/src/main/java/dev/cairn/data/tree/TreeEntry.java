package dev.cairn.data.tree;

import dev.cairn.data.chunk.ChunkId;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One entry of a backup's file tree (format v1, docs/protocol.md "File tree v1").
 *
 * @param path the path relative to the backed-up root as raw bytes, components separated by {@code /} (names that
 *     are not valid UTF-8 keep their bytes)
 * @param mode permission bits ({@code 07777})
 * @param mtimeSeconds modification time, seconds since the epoch
 * @param mtimeNanos and its nanoseconds
 * @param size a file's length (holes included); 0 for others
 * @param inode a file's inode, for the agent's file cache; 0 for others
 * @param ctimeNanos a file's status change time, for the file cache; 0 for others
 * @param extents a file's data, in ascending offsets; what no extent covers is a hole (zeros, not stored)
 * @param target a symlink's target as raw bytes, stored as it is and never followed; empty for others
 * @param device a device node's number, its major in the high 32 bits and its minor in the low; 0 for others
 */
public record TreeEntry(
        Type type,
        byte[] path,
        int mode,
        int uid,
        int gid,
        long mtimeSeconds,
        int mtimeNanos,
        long size,
        long inode,
        long ctimeNanos,
        List<Extent> extents,
        byte[] target,
        long device) {

    /** What an entry is. */
    public enum Type {
        /** A directory; its entries follow it in the tree. */
        DIRECTORY(1),
        /** A regular file. */
        FILE(2),
        /** A symbolic link. */
        SYMLINK(3),
        /** A named pipe (FIFO): made again on restore, empty, as it was. */
        FIFO(4),
        /** A character device node: made again on restore where the restoring process may ({@code CAP_MKNOD}). */
        CHARACTER_DEVICE(5),
        /** A block device node: as a character device. */
        BLOCK_DEVICE(6);

        final int code;

        Type(int code) {
            this.code = code;
        }

        static Type of(int code) {
            for (Type t : values()) {
                if (t.code == code) {
                    return t;
                }
            }
            throw new IllegalArgumentException("unknown tree entry type " + code);
        }
    }

    /** A run of a file's data stored as one chunk: {@code length} bytes at {@code offset}. */
    public record Extent(long offset, int length, ChunkId id) {}

    public TreeEntry {
        extents = List.copyOf(extents);
    }

    /** An entry that is not a device node. */
    public TreeEntry(
            Type type,
            byte[] path,
            int mode,
            int uid,
            int gid,
            long mtimeSeconds,
            int mtimeNanos,
            long size,
            long inode,
            long ctimeNanos,
            List<Extent> extents,
            byte[] target) {
        this(type, path, mode, uid, gid, mtimeSeconds, mtimeNanos, size, inode, ctimeNanos, extents, target, 0);
    }

    /** Whether this is a device node (character or block). */
    public boolean isDevice() {
        return type == Type.CHARACTER_DEVICE || type == Type.BLOCK_DEVICE;
    }

    /** A device number as {@link #device()} keeps it: major in the high 32 bits, minor in the low. */
    public static long device(int major, int minor) {
        return ((long) major << 32) | Integer.toUnsignedLong(minor);
    }

    /** The path for people: UTF-8 where valid, other bytes as {@code \xNN}. */
    public String displayPath() {
        return TreePaths.display(path);
    }

    /** The bytes the extents cover. */
    public long storedLength() {
        long total = 0;
        for (Extent e : extents) {
            total += e.length();
        }
        return total;
    }

    @Override
    public String toString() {
        return type + " " + displayPath()
                + (type == Type.SYMLINK ? " -> " + new String(target, StandardCharsets.UTF_8) : "");
    }
}
