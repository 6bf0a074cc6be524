package dev.cairn.agent.fs;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a file's data is, so that the holes of sparse files are neither read nor stored: {@code lseek} with
 * {@code SEEK_DATA} and {@code SEEK_HOLE} (Linux, through the foreign function API). Where that is not available
 * the whole file is one region.
 */
public final class DataRegions {
    private static final int SEEK_DATA = 3;
    private static final int SEEK_HOLE = 4;

    private DataRegions() {}

    /** A run of data: bytes {@code [start, end)}. */
    public record Region(long start, long end) {
        public long length() {
            return end - start;
        }
    }

    /**
     * The data regions of the file at {@code absolutePath} (raw bytes) of length {@code size}, ascending; what they
     * leave out reads as zeros. A file without holes is one region {@code [0, size)}.
     */
    public static List<Region> of(byte[] absolutePath, long size) {
        if (size == 0) {
            return List.of();
        }
        int fd = NativeFiles.open(absolutePath);
        if (fd < 0) {
            return List.of(new Region(0, size)); // the read that follows says what is wrong with the file
        }
        try {
            long firstHole = NativeFiles.lseek(fd, 0L, SEEK_HOLE);
            if (firstHole < 0 || firstHole >= size) {
                return List.of(new Region(0, size)); // no holes, or SEEK_HOLE not supported
            }
            List<Region> regions = new ArrayList<>();
            long position = 0;
            while (position < size) {
                long data = NativeFiles.lseek(fd, position, SEEK_DATA);
                if (data < 0 || data >= size) {
                    break; // ENXIO: only a hole from here to the end
                }
                long hole = NativeFiles.lseek(fd, data, SEEK_HOLE);
                if (hole < 0 || hole > size) {
                    hole = size;
                }
                regions.add(new Region(data, hole));
                position = hole;
            }
            return regions;
        } finally {
            NativeFiles.close(fd);
        }
    }
}
