package dev.cairn.agent.fs;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The few system calls a backup makes per file, straight into glibc through the foreign function API: {@code statx}
 * without following links, {@code open}, {@code pread}, {@code lseek} and {@code close}. {@code
 * Files.readAttributes(path, "unix:...")} builds a map of boxed values from parsed attribute names and {@code
 * FileChannel} a stack of objects per file; for 200,000 small files that code was a third of a fresh agent's CPU,
 * half of it the JIT compiling it (docs/benchmarks.md). {@code statx} rather than {@code lstat}: its layout is the
 * same on amd64 and arm64.
 *
 * <p>Every call answers a value that says it failed (null, -1) instead of a reason: callers then take the JDK's way,
 * which fails with the right exception ({@code NoSuchFileException} for a file that vanished). Where the calls are
 * not available (not Linux, glibc before 2.28, no native access), {@link #available()} is false. Paths are absolute
 * raw bytes (see {@link RawPaths}), at most {@link #PATH_MAX} of them. Thread-safe: each thread has its own native
 * scratch memory.
 */
public final class NativeFiles {
    /** The longest path the kernel takes, its terminating NUL excluded. */
    public static final int PATH_MAX = 4095;

    private static final int AT_FDCWD = -100;
    private static final int AT_SYMLINK_NOFOLLOW = 0x100;
    private static final int STATX_BASIC_STATS = 0x7ff;
    private static final int STATX_SIZE = 256;
    private static final int O_RDONLY = 0;
    private static final int O_NOFOLLOW = 0x20000;
    private static final int O_CLOEXEC = 0x80000;
    /** Bytes per {@code pread}: a native buffer per reading thread, copied into the caller's array. */
    private static final int READ_BUFFER = 256 * 1024;

    private static final MethodHandle STATX;
    private static final MethodHandle OPEN;
    private static final MethodHandle PREAD;
    private static final MethodHandle LSEEK;
    private static final MethodHandle CLOSE;
    private static final MethodHandle MKNOD;
    private static final MethodHandle CHMOD;
    private static final MethodHandle UTIMENSAT;
    private static final MethodHandle LCHOWN;

    /** {@code tv_nsec} that leaves a time as it is ({@code UTIME_OMIT}). */
    private static final long UTIME_OMIT = (1L << 30) - 2;

    /** Where a call leaves {@code errno}, per {@link Linker.Option#captureCallState}. */
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();

    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    static {
        MethodHandle statx = null;
        MethodHandle open = null;
        MethodHandle pread = null;
        MethodHandle lseek = null;
        MethodHandle close = null;
        MethodHandle mknod = null;
        MethodHandle chmod = null;
        MethodHandle utimensat = null;
        MethodHandle lchown = null;
        try {
            Linker linker = Linker.nativeLinker();
            SymbolLookup libc = linker.defaultLookup();
            statx = linker.downcallHandle(
                    libc.find("statx").orElseThrow(),
                    FunctionDescriptor.of(
                            ValueLayout.JAVA_INT,
                            ValueLayout.JAVA_INT,
                            ValueLayout.ADDRESS,
                            ValueLayout.JAVA_INT,
                            ValueLayout.JAVA_INT,
                            ValueLayout.ADDRESS));
            open = linker.downcallHandle(
                    libc.find("open").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
            pread = linker.downcallHandle(
                    libc.find("pread").orElseThrow(),
                    FunctionDescriptor.of(
                            ValueLayout.JAVA_LONG,
                            ValueLayout.JAVA_INT,
                            ValueLayout.ADDRESS,
                            ValueLayout.JAVA_LONG,
                            ValueLayout.JAVA_LONG));
            lseek = linker.downcallHandle(
                    libc.find("lseek").orElseThrow(),
                    FunctionDescriptor.of(
                            ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
            close = linker.downcallHandle(
                    libc.find("close").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
            mknod = linker.downcallHandle(
                    libc.find("mknod").orElseThrow(),
                    FunctionDescriptor.of(
                            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG),
                    Linker.Option.captureCallState("errno"));
            utimensat = linker.downcallHandle(
                    libc.find("utimensat").orElseThrow(),
                    FunctionDescriptor.of(
                            ValueLayout.JAVA_INT,
                            ValueLayout.JAVA_INT,
                            ValueLayout.ADDRESS,
                            ValueLayout.ADDRESS,
                            ValueLayout.JAVA_INT),
                    Linker.Option.captureCallState("errno"));
            lchown = linker.downcallHandle(
                    libc.find("lchown").orElseThrow(),
                    FunctionDescriptor.of(
                            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT),
                    Linker.Option.captureCallState("errno"));
            chmod = linker.downcallHandle(
                    libc.find("chmod").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT),
                    Linker.Option.captureCallState("errno"));
        } catch (RuntimeException | Error e) {
            statx = null; // no native access: every caller takes the JDK's way
        }
        STATX = statx;
        OPEN = open;
        PREAD = pread;
        LSEEK = lseek;
        CLOSE = close;
        MKNOD = mknod;
        CHMOD = chmod;
        UTIMENSAT = utimensat;
        LCHOWN = lchown;
    }

    /** Native memory per thread: a NUL-terminated path, a {@code struct statx}, a read buffer. */
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private static final class Scratch {
        final MemorySegment path;
        final MemorySegment statx;
        final MemorySegment read;
        final MemorySegment callState;
        /** Two {@code struct timespec} (access, modification) for {@code utimensat}. */
        final MemorySegment times;

        Scratch() {
            Arena arena = Arena.ofAuto();
            callState = arena.allocate(CALL_STATE);
            times = arena.allocate(32, 8);
            path = arena.allocate(PATH_MAX + 1L);
            statx = arena.allocate(STATX_SIZE, 8);
            read = arena.allocate(READ_BUFFER, 8);
        }

        MemorySegment path(byte[] absolutePath) {
            MemorySegment.copy(absolutePath, 0, path, ValueLayout.JAVA_BYTE, 0, absolutePath.length);
            path.set(ValueLayout.JAVA_BYTE, absolutePath.length, (byte) 0);
            return path;
        }
    }

    private NativeFiles() {}

    /** True when the calls can be made. */
    public static boolean available() {
        return STATX != null;
    }

    /**
     * What {@code lstat} says of a file.
     *
     * @param mode file type and permission bits ({@code st_mode})
     * @param ctimeNanos the change time in nanoseconds since the epoch
     * @param device a device node's number as the tree keeps it (major in the high 32 bits, minor in the low)
     */
    public record Status(
            int mode,
            long inode,
            int uid,
            int gid,
            long size,
            long mtimeSeconds,
            int mtimeNanos,
            long ctimeNanos,
            long device) {}

    /**
     * Sets the permission bits of the FIFO or device node at {@code absolutePath} ({@code chmod}, which never opens
     * it: the JDK's way opens the file, and opening a FIFO waits for a writer): 0, or the {@code errno} of the
     * failure; -1 when the call is not available here.
     */
    public static int chmod(byte[] absolutePath, int mode) {
        return errno(CHMOD, absolutePath, s -> (int) CHMOD.invokeExact(s.callState, s.path(absolutePath), mode));
    }

    /** A call on a path that leaves {@code errno} in the scratch memory's call state; answers its return code. */
    private interface PathCall {
        int call(Scratch s) throws Throwable;
    }

    /**
     * Makes {@code call} on {@code absolutePath}: 0, or the {@code errno} it left; -1 when {@code handle} is not
     * available here (or the path is longer than the kernel takes).
     */
    private static int errno(MethodHandle handle, byte[] absolutePath, PathCall call) {
        if (handle == null || absolutePath.length > PATH_MAX) {
            return -1;
        }
        Scratch s = SCRATCH.get();
        try {
            return call.call(s) == 0 ? 0 : (int) ERRNO.get(s.callState, 0L);
        } catch (Throwable e) {
            return -1;
        }
    }

    /**
     * Sets the owner and group of the file at {@code absolutePath}, links not followed ({@code lchown}, which never
     * opens it): 0, or the {@code errno} of the failure; -1 when the call is not available here.
     */
    public static int lchown(byte[] absolutePath, int uid, int gid) {
        return errno(LCHOWN, absolutePath, s -> (int) LCHOWN.invokeExact(s.callState, s.path(absolutePath), uid, gid));
    }

    /**
     * Sets the modification time of the file at {@code absolutePath}, links not followed, the access time left as it
     * is ({@code utimensat}, which never opens the file, unlike the JDK's way): 0, or the {@code errno} of the
     * failure; -1 when the call is not available here.
     */
    public static int setModificationTime(byte[] absolutePath, long seconds, int nanos) {
        return errno(UTIMENSAT, absolutePath, s -> {
            s.times.set(ValueLayout.JAVA_LONG, 0, 0L);
            s.times.set(ValueLayout.JAVA_LONG, 8, UTIME_OMIT);
            s.times.set(ValueLayout.JAVA_LONG, 16, seconds);
            s.times.set(ValueLayout.JAVA_LONG, 24, nanos);
            return (int)
                    UTIMENSAT.invokeExact(s.callState, AT_FDCWD, s.path(absolutePath), s.times, AT_SYMLINK_NOFOLLOW);
        });
    }

    /** A {@code dev_t} as glibc encodes it ({@code unix:rdev}) in the tree's form: major high, minor low. */
    public static long device(long devT) {
        long major = ((devT >>> 8) & 0xfffL) | ((devT >>> 32) & ~0xfffL);
        long minor = (devT & 0xffL) | ((devT >>> 12) & ~0xffL);
        return ((major & 0xffffffffL) << 32) | (minor & 0xffffffffL);
    }

    /** The tree's device number as glibc's {@code dev_t} ({@code makedev}). */
    static long devT(long device) {
        long major = device >>> 32;
        long minor = device & 0xffffffffL;
        return ((major & 0xfffL) << 8)
                | ((major & 0xfffff000L) << 32)
                | (minor & 0xffL)
                | ((minor & 0xffffff00L) << 12);
    }

    /**
     * Makes a FIFO or a device node at {@code absolutePath} ({@code mknod}: {@code mode} has the type and permission
     * bits, {@code device} is in the tree's form): 0, or the {@code errno} of the failure ({@code EPERM} without
     * {@code CAP_MKNOD}, {@code EEXIST}); -1 when the call is not available here.
     */
    public static int mknod(byte[] absolutePath, int mode, long device) {
        return errno(MKNOD, absolutePath, s ->
                (int) MKNOD.invokeExact(s.callState, s.path(absolutePath), mode, devT(device)));
    }

    /** The status of the file at {@code absolutePath}, links not followed; null when it cannot be had this way. */
    public static Status lstat(byte[] absolutePath) {
        if (STATX == null || absolutePath.length > PATH_MAX) {
            return null;
        }
        Scratch s = SCRATCH.get();
        try {
            int rc = (int)
                    STATX.invokeExact(AT_FDCWD, s.path(absolutePath), AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS, s.statx);
            if (rc != 0) {
                return null;
            }
        } catch (Throwable e) {
            return null;
        }
        MemorySegment x = s.statx;
        return new Status(
                Short.toUnsignedInt(x.get(ValueLayout.JAVA_SHORT, 28)),
                x.get(ValueLayout.JAVA_LONG, 32),
                x.get(ValueLayout.JAVA_INT, 20),
                x.get(ValueLayout.JAVA_INT, 24),
                x.get(ValueLayout.JAVA_LONG, 40),
                x.get(ValueLayout.JAVA_LONG, 112),
                x.get(ValueLayout.JAVA_INT, 120),
                x.get(ValueLayout.JAVA_LONG, 96) * 1_000_000_000L + x.get(ValueLayout.JAVA_INT, 104),
                ((long) x.get(ValueLayout.JAVA_INT, 128) << 32)
                        | Integer.toUnsignedLong(x.get(ValueLayout.JAVA_INT, 132)));
    }

    /** A file descriptor open for reading, links not followed; -1 when it cannot be had this way. */
    public static int open(byte[] absolutePath) {
        if (OPEN == null || absolutePath.length > PATH_MAX) {
            return -1;
        }
        try {
            return (int) OPEN.invokeExact(SCRATCH.get().path(absolutePath), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
        } catch (Throwable e) {
            return -1;
        }
    }

    /**
     * Reads up to {@code length} bytes at {@code position} of {@code fd} into {@code into}: the count read, 0 at the
     * end of the file, -1 on an error.
     */
    public static int pread(int fd, byte[] into, int offset, int length, long position) {
        MemorySegment buffer = SCRATCH.get().read;
        int n = Math.min(length, READ_BUFFER);
        long read;
        try {
            read = (long) PREAD.invokeExact(fd, buffer, (long) n, position);
        } catch (Throwable e) {
            return -1;
        }
        if (read > 0) {
            MemorySegment.copy(buffer, ValueLayout.JAVA_BYTE, 0, into, offset, (int) read);
        }
        return (int) read;
    }

    /** {@code lseek(fd, offset, whence)}: the resulting offset, or -1. */
    static long lseek(int fd, long offset, int whence) {
        try {
            return (long) LSEEK.invokeExact(fd, offset, whence);
        } catch (Throwable e) {
            return -1;
        }
    }

    /** Closes {@code fd}. */
    public static void close(int fd) {
        try {
            int ignored = (int) CLOSE.invokeExact(fd);
        } catch (Throwable e) {
            // nothing to do: the descriptor is gone either way
        }
    }
}
