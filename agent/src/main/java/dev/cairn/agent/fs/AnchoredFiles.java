package dev.cairn.agent.fs;

import java.io.Closeable;
import java.io.IOException;
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
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Files under one directory, every one reached from that directory's own descriptor a component at a time
 * ({@code openat} with {@code O_NOFOLLOW | O_DIRECTORY}, then {@code mkdirat}, {@code symlinkat}, {@code mknodat},
 * {@code openat}, {@code fchownat}, {@code fchmodat} and {@code utimensat} on the last component, links never
 * followed): whatever replaces a directory of the tree with a symlink while a restore runs (another process writing to
 * the same volume) makes the restore fail on that path, never write outside the directory. A path-based call
 * resolves every component again, and follows a symlink put there a moment before.
 *
 * <p>Paths are relative raw bytes ({@link RawPaths}), components separated by {@code /}, already checked to have no
 * {@code .}, {@code ..} or empty component. Linux only ({@link #available()}); thread safe: each thread has its own
 * native scratch memory, and every call opens and closes its own descriptors but the root's.
 */
public final class AnchoredFiles implements Closeable {
    private static final int O_WRONLY = 01;
    private static final int O_RDONLY = 0;
    private static final int O_CREAT = 0100;
    private static final int O_EXCL = 0200;
    private static final int O_NOFOLLOW = 0400000;
    private static final int O_DIRECTORY = 0200000;
    private static final int O_CLOEXEC = 02000000;
    private static final int AT_SYMLINK_NOFOLLOW = 0x100;
    private static final int EEXIST = 17;
    private static final int ELOOP = 40;
    private static final int ENOTDIR = 20;
    private static final int EINTR = 4;
    /** {@code tv_nsec} that leaves a time as it is ({@code UTIME_OMIT}). */
    private static final long UTIME_OMIT = (1L << 30) - 2;
    /** Bytes per {@code pwrite}: a native buffer per writing thread. */
    private static final int WRITE_BUFFER = 1 << 20;

    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    private static final MethodHandle OPENAT;
    private static final MethodHandle MKDIRAT;
    private static final MethodHandle SYMLINKAT;
    private static final MethodHandle MKNODAT;
    private static final MethodHandle FCHOWNAT;
    private static final MethodHandle FCHMODAT;
    private static final MethodHandle UTIMENSAT;
    private static final MethodHandle PWRITE;
    private static final MethodHandle FTRUNCATE;
    private static final MethodHandle CLOSE;

    static {
        MethodHandle openat = null;
        MethodHandle mkdirat = null;
        MethodHandle symlinkat = null;
        MethodHandle mknodat = null;
        MethodHandle fchownat = null;
        MethodHandle fchmodat = null;
        MethodHandle utimensat = null;
        MethodHandle pwrite = null;
        MethodHandle ftruncate = null;
        MethodHandle close = null;
        try {
            Linker linker = Linker.nativeLinker();
            SymbolLookup libc = linker.defaultLookup();
            Linker.Option errno = Linker.Option.captureCallState("errno");
            ValueLayout i = ValueLayout.JAVA_INT;
            ValueLayout l = ValueLayout.JAVA_LONG;
            ValueLayout a = ValueLayout.ADDRESS;
            // openat(int dirfd, const char *path, int flags, ...): the mode is its one variadic argument
            openat = linker.downcallHandle(
                    libc.find("openat").orElseThrow(),
                    FunctionDescriptor.of(i, i, a, i, i),
                    errno,
                    Linker.Option.firstVariadicArg(3));
            mkdirat =
                    linker.downcallHandle(libc.find("mkdirat").orElseThrow(), FunctionDescriptor.of(i, i, a, i), errno);
            symlinkat = linker.downcallHandle(
                    libc.find("symlinkat").orElseThrow(), FunctionDescriptor.of(i, a, i, a), errno);
            mknodat = linker.downcallHandle(
                    libc.find("mknodat").orElseThrow(), FunctionDescriptor.of(i, i, a, i, l), errno);
            fchownat = linker.downcallHandle(
                    libc.find("fchownat").orElseThrow(), FunctionDescriptor.of(i, i, a, i, i, i), errno);
            fchmodat = linker.downcallHandle(
                    libc.find("fchmodat").orElseThrow(), FunctionDescriptor.of(i, i, a, i, i), errno);
            utimensat = linker.downcallHandle(
                    libc.find("utimensat").orElseThrow(), FunctionDescriptor.of(i, i, a, a, i), errno);
            pwrite = linker.downcallHandle(
                    libc.find("pwrite").orElseThrow(), FunctionDescriptor.of(l, i, a, l, l), errno);
            ftruncate =
                    linker.downcallHandle(libc.find("ftruncate").orElseThrow(), FunctionDescriptor.of(i, i, l), errno);
            close = linker.downcallHandle(libc.find("close").orElseThrow(), FunctionDescriptor.of(i, i));
        } catch (RuntimeException | Error e) {
            openat = null; // not here: restores take the JDK's path-based way
        }
        OPENAT = openat;
        MKDIRAT = mkdirat;
        SYMLINKAT = symlinkat;
        MKNODAT = mknodat;
        FCHOWNAT = fchownat;
        FCHMODAT = fchmodat;
        UTIMENSAT = utimensat;
        PWRITE = pwrite;
        FTRUNCATE = ftruncate;
        CLOSE = close;
    }

    /** Native memory per thread: two NUL-terminated names, two {@code struct timespec}, a write buffer. */
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private static final class Scratch {
        final MemorySegment callState;
        final MemorySegment name;
        final MemorySegment second;
        final MemorySegment times;
        final MemorySegment write;

        Scratch() {
            Arena arena = Arena.ofAuto();
            callState = arena.allocate(CALL_STATE);
            name = arena.allocate(NativeFiles.PATH_MAX + 1L);
            second = arena.allocate(NativeFiles.PATH_MAX + 1L);
            times = arena.allocate(32, 8);
            write = arena.allocate(WRITE_BUFFER, 8);
        }

        static MemorySegment put(MemorySegment into, byte[] bytes, int from, int to) throws IOException {
            if (to - from > NativeFiles.PATH_MAX) {
                throw new IOException("a name longer than the kernel takes");
            }
            MemorySegment.copy(bytes, from, into, ValueLayout.JAVA_BYTE, 0, to - from);
            into.set(ValueLayout.JAVA_BYTE, to - from, (byte) 0);
            return into;
        }

        int errno() {
            return (int) ERRNO.get(callState, 0L);
        }
    }

    private final Path root;
    private final int rootFd;

    private AnchoredFiles(Path root, int rootFd) {
        this.root = root;
        this.rootFd = rootFd;
    }

    /** True when the calls can be made here (Linux with glibc, native access allowed). */
    public static boolean available() {
        return OPENAT != null;
    }

    /** The directory {@code root} (absolute, itself not a symlink), held open until {@link #close()}. */
    public static AnchoredFiles open(Path root) throws IOException {
        if (!available()) {
            throw new IOException("directory descriptors are not available here");
        }
        byte[] path = RawPaths.bytes(root);
        Scratch s = SCRATCH.get();
        int fd;
        try {
            fd = (int) OPENAT.invokeExact(
                    s.callState,
                    -100, // AT_FDCWD: the path is absolute
                    Scratch.put(s.name, path, 0, path.length),
                    O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC,
                    0);
        } catch (Throwable e) {
            throw new IOException("cannot open " + root, e);
        }
        if (fd < 0) {
            throw failure("open the directory", root, s.errno());
        }
        return new AnchoredFiles(root, fd);
    }

    /** Makes the directory {@code path} (owner-only until its mode is set); {@code EEXIST} when something is there. */
    public void mkdir(byte[] path) throws IOException {
        at(path, "make the directory", (s, dir, name) -> (int) MKDIRAT.invokeExact(s.callState, dir, name, 0700));
    }

    /** Makes the symlink {@code path} pointing at {@code target} (raw bytes, written as they are). */
    public void symlink(byte[] path, byte[] target) throws IOException {
        at(path, "make the symlink", (s, dir, name) -> {
            MemorySegment to = Scratch.put(s.second, target, 0, target.length);
            return (int) SYMLINKAT.invokeExact(s.callState, to, dir, name);
        });
    }

    /**
     * Makes a FIFO or a device node ({@code mode} has the type and permission bits, {@code device} the tree's form):
     * 0, or the {@code errno} of the failure ({@code EPERM} without {@code CAP_MKNOD}).
     */
    public int mknod(byte[] path, int mode, long device) throws IOException {
        int[] errno = {0};
        at(path, "make the special file", (s, dir, name) -> {
            int rc = (int) MKNODAT.invokeExact(s.callState, dir, name, mode, NativeFiles.devT(device));
            errno[0] = rc == 0 ? 0 : s.errno();
            return 0;
        });
        return errno[0];
    }

    /** Makes the regular file {@code path}, which must not exist, of {@code size} bytes (holes: nothing written). */
    public void create(byte[] path, long size) throws IOException {
        int fd = openFile(path, O_WRONLY | O_CREAT | O_EXCL, "make the file");
        try {
            if (size > 0) {
                Scratch s = SCRATCH.get();
                int rc;
                try {
                    rc = (int) FTRUNCATE.invokeExact(s.callState, fd, size);
                } catch (Throwable e) {
                    throw new IOException(e);
                }
                if (rc != 0) {
                    throw failure("set the length of", display(path), s.errno());
                }
            }
        } finally {
            close(fd);
        }
    }

    /** Writes {@code data} into the existing regular file {@code path} at {@code position}. */
    public void write(byte[] path, byte[] data, long position) throws IOException {
        int fd = openFile(path, O_WRONLY, "open the file");
        try {
            Scratch s = SCRATCH.get();
            int done = 0;
            while (done < data.length) {
                int n = Math.min(WRITE_BUFFER, data.length - done);
                MemorySegment.copy(data, done, s.write, ValueLayout.JAVA_BYTE, 0, n);
                int written = 0;
                while (written < n) {
                    long rc;
                    try {
                        rc = (long) PWRITE.invokeExact(
                                s.callState,
                                fd,
                                s.write.asSlice(written),
                                (long) (n - written),
                                position + done + written);
                    } catch (Throwable e) {
                        throw new IOException(e);
                    }
                    if (rc < 0) {
                        if (s.errno() == EINTR) {
                            continue;
                        }
                        throw failure("write", display(path), s.errno());
                    }
                    written += (int) rc;
                }
                done += n;
            }
        } finally {
            close(fd);
        }
    }

    /** Sets the owner and group of {@code path}, links not followed. */
    public void chown(byte[] path, int uid, int gid) throws IOException {
        at(path, "set the owner of", (s, dir, name) ->
                (int) FCHOWNAT.invokeExact(s.callState, dir, name, uid, gid, AT_SYMLINK_NOFOLLOW));
    }

    /**
     * Sets the permission bits of {@code path}, links not followed (glibc 2.32 and later; a symlink, whose bits Linux
     * does not use, is refused).
     */
    public void chmod(byte[] path, int mode) throws IOException {
        at(path, "set the mode of", (s, dir, name) ->
                (int) FCHMODAT.invokeExact(s.callState, dir, name, mode & 07777, AT_SYMLINK_NOFOLLOW));
    }

    /** Sets the modification time of {@code path}, links not followed, the access time left as it is. */
    public void setModificationTime(byte[] path, long seconds, int nanos) throws IOException {
        at(path, "set the time of", (s, dir, name) -> {
            s.times.set(ValueLayout.JAVA_LONG, 0, 0L);
            s.times.set(ValueLayout.JAVA_LONG, 8, UTIME_OMIT);
            s.times.set(ValueLayout.JAVA_LONG, 16, seconds);
            s.times.set(ValueLayout.JAVA_LONG, 24, (long) nanos);
            return (int) UTIMENSAT.invokeExact(s.callState, dir, name, s.times, AT_SYMLINK_NOFOLLOW);
        });
    }

    @Override
    public void close() {
        close(rootFd);
    }

    /** A call on the last component of a path, given its directory's descriptor and its name. */
    private interface AtCall {
        int call(Scratch s, int dir, MemorySegment name) throws Throwable;
    }

    private void at(byte[] path, String what, AtCall call) throws IOException {
        int slash = lastSlash(path);
        int dir = directory(path, slash);
        try {
            Scratch s = SCRATCH.get();
            MemorySegment name = Scratch.put(s.name, path, slash + 1, path.length);
            int rc;
            try {
                rc = call.call(s, dir, name);
            } catch (IOException e) {
                throw e;
            } catch (Throwable e) {
                throw new IOException(e);
            }
            if (rc != 0) {
                throw failure(what, display(path), s.errno());
            }
        } finally {
            if (dir != rootFd) {
                close(dir);
            }
        }
    }

    private int openFile(byte[] path, int flags, String what) throws IOException {
        int slash = lastSlash(path);
        int dir = directory(path, slash);
        try {
            Scratch s = SCRATCH.get();
            int fd;
            try {
                fd = (int) OPENAT.invokeExact(
                        s.callState,
                        dir,
                        Scratch.put(s.name, path, slash + 1, path.length),
                        flags | O_NOFOLLOW | O_CLOEXEC,
                        0600);
            } catch (Throwable e) {
                throw new IOException(e);
            }
            if (fd < 0) {
                throw failure(what, display(path), s.errno());
            }
            return fd;
        } finally {
            if (dir != rootFd) {
                close(dir);
            }
        }
    }

    /**
     * The descriptor of the directory that holds {@code path} (its bytes before {@code slash}), reached from the root
     * a component at a time without following a link: the root's own, or a new one the caller closes.
     */
    private int directory(byte[] path, int slash) throws IOException {
        int dir = rootFd;
        int start = 0;
        Scratch s = SCRATCH.get();
        while (start < slash) {
            int end = start;
            while (end < slash && path[end] != '/') {
                end++;
            }
            int next;
            try {
                next = (int) OPENAT.invokeExact(
                        s.callState,
                        dir,
                        Scratch.put(s.name, path, start, end),
                        O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC,
                        0);
            } catch (Throwable e) {
                next = -1;
            }
            int errno = next < 0 ? s.errno() : 0;
            if (dir != rootFd) {
                close(dir);
            }
            if (next < 0) {
                byte[] component = Arrays.copyOf(path, end);
                if (errno == ELOOP || errno == ENOTDIR) {
                    throw new IOException(display(component) + " is no longer the directory this restore made (a"
                            + " symlink or a file is there now): nothing is written through it");
                }
                throw failure("open the directory", display(component), errno);
            }
            dir = next;
            start = end + 1;
        }
        return dir;
    }

    private static int lastSlash(byte[] path) {
        for (int i = path.length - 1; i >= 0; i--) {
            if (path[i] == '/') {
                return i;
            }
        }
        return -1;
    }

    private Path display(byte[] path) {
        return root.resolve(RawPaths.path(path));
    }

    private static IOException failure(String what, Path path, int errno) {
        return errno == EEXIST
                ? new java.nio.file.FileAlreadyExistsException(path.toString())
                : new IOException("cannot " + what + " " + path + " (errno " + errno + ")");
    }

    private static void close(int fd) {
        try {
            int ignored = (int) CLOSE.invokeExact(fd);
        } catch (Throwable e) {
            // the descriptor is gone either way
        }
    }
}
