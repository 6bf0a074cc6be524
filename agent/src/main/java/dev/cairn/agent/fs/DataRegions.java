package dev.cairn.agent.fs;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a file's data is, so that the holes of sparse files are neither read nor stored: {@code lseek} with
 * {@code SEEK_DATA} and {@code SEEK_HOLE} (Linux, through the foreign function API). Where that is not available
 * the whole file is one region.
 */
public final class DataRegions {
    private static final int O_RDONLY = 0;
    private static final int O_NOFOLLOW = 0x20000;
    private static final int O_CLOEXEC = 0x80000;
    private static final int SEEK_DATA = 3;
    private static final int SEEK_HOLE = 4;
    private static final MethodHandle OPEN;
    private static final MethodHandle LSEEK;
    private static final MethodHandle CLOSE;

    static {
        MethodHandle open = null;
        MethodHandle lseek = null;
        MethodHandle close = null;
        try {
            Linker linker = Linker.nativeLinker();
            SymbolLookup libc = linker.defaultLookup();
            open = linker.downcallHandle(
                    libc.find("open").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
            lseek = linker.downcallHandle(
                    libc.find("lseek").orElseThrow(),
                    FunctionDescriptor.of(
                            ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
            close = linker.downcallHandle(
                    libc.find("close").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
        } catch (RuntimeException | Error e) {
            open = null;
        }
        OPEN = open;
        LSEEK = lseek;
        CLOSE = close;
    }

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
        if (OPEN == null) {
            return List.of(new Region(0, size));
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment name = arena.allocate(absolutePath.length + 1L);
            name.copyFrom(MemorySegment.ofArray(absolutePath));
            name.set(ValueLayout.JAVA_BYTE, absolutePath.length, (byte) 0);
            int fd = (int) OPEN.invokeExact(name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
            if (fd < 0) {
                return List.of(new Region(0, size));
            }
            try {
                long firstHole = (long) LSEEK.invokeExact(fd, 0L, SEEK_HOLE);
                if (firstHole < 0 || firstHole >= size) {
                    return List.of(new Region(0, size)); // no holes, or SEEK_HOLE not supported
                }
                List<Region> regions = new ArrayList<>();
                long position = 0;
                while (position < size) {
                    long data = (long) LSEEK.invokeExact(fd, position, SEEK_DATA);
                    if (data < 0 || data >= size) {
                        break; // ENXIO: only a hole from here to the end
                    }
                    long hole = (long) LSEEK.invokeExact(fd, data, SEEK_HOLE);
                    if (hole < 0 || hole > size) {
                        hole = size;
                    }
                    regions.add(new Region(data, hole));
                    position = hole;
                }
                return regions;
            } finally {
                int ignored = (int) CLOSE.invokeExact(fd);
            }
        } catch (Throwable e) {
            return List.of(new Region(0, size));
        }
    }
}
