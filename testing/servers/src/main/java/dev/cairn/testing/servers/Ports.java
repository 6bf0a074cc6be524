package dev.cairn.testing.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Ports for the servers of a start: each handed out once, and reserved until the JVM that asked for it exits.
 *
 * <p>A port that was merely free a moment ago (bind to port 0, close, use the number later) is not reserved: two
 * services started side by side could be handed the same one, and an outgoing connection of any process could take
 * it as its ephemeral local port before the server binds. So ports come from below the kernel's ephemeral range
 * (which outgoing connections never use), no port is handed out twice by this JVM, and a lock file per port (held
 * until this JVM exits, released by the kernel even after {@code kill -9}) keeps two runs on one machine apart.
 * {@link #holders} then checks, after start, that each server listens on its own port and nobody else does.
 */
public final class Ports {
    /** Ports handed out by this JVM, with the lock that reserves each (null for a port the user fixed). */
    private static final Map<Integer, Reservation> RESERVED = new ConcurrentHashMap<>();

    private static final int LOWEST = 10_000;
    private static final int MIN_RANGE = 1_000;
    private static final int ATTEMPTS = 500;

    private record Reservation(FileChannel channel, FileLock lock) {}

    private Ports() {}

    /** A free port on the loopback interface, reserved for this JVM and never handed out again while it runs. */
    public static int free() {
        int[] range = candidateRange(ephemeralRange());
        Path locks = lockFolder();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(range[0], range[1] + 1);
            if (tryReserve(port, locks)) {
                return port;
            }
        }
        throw new ServerStartException("no free port in " + range[0] + "-" + range[1] + " after " + ATTEMPTS
                + " attempts (ports reserved by Cairn runs are in " + locks + ")");
    }

    /** Returns {@code port} if it is free, or a free one when {@code port} is 0; fails naming the owner otherwise. */
    public static int claim(int port, String forWhat) {
        if (port == 0) {
            return free();
        }
        if (RESERVED.putIfAbsent(port, new Reservation(null, null)) != null) {
            throw new ServerStartException("port " + port + " for " + forWhat + " is already given to another server"
                    + " of this start: choose another port");
        }
        if (!bindable(port)) {
            RESERVED.remove(port);
            throw new ServerStartException("port " + port + " for " + forWhat + " is taken" + describeHolders(port)
                    + ": stop what uses it, or choose another port");
        }
        return port;
    }

    /**
     * The range ports are chosen from: below the ephemeral range when it leaves room, else above it.
     *
     * @param ephemeral the kernel's ephemeral range, low and high
     */
    static int[] candidateRange(int[] ephemeral) {
        if (ephemeral[0] - 1 - LOWEST >= MIN_RANGE) {
            return new int[] {LOWEST, ephemeral[0] - 1};
        }
        if (65_535 - (ephemeral[1] + 1) >= MIN_RANGE) {
            return new int[] {ephemeral[1] + 1, 65_535};
        }
        return new int[] {LOWEST, 65_535};
    }

    /** The kernel's ephemeral port range ({@code /proc/sys/net/ipv4/ip_local_port_range}), Linux's default if unknown. */
    static int[] ephemeralRange() {
        try {
            String[] parts = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))
                    .trim()
                    .split("\\s+");
            return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
        } catch (IOException | RuntimeException e) {
            return new int[] {32_768, 60_999};
        }
    }

    private static boolean tryReserve(int port, Path locks) {
        if (RESERVED.containsKey(port)) {
            return false;
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(
                    locks.resolve(port + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close(); // another Cairn run holds it
                return false;
            }
            if (!bindable(port) || RESERVED.putIfAbsent(port, new Reservation(channel, lock)) != null) {
                lock.release();
                channel.close();
                return false;
            }
            return true;
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel); // this JVM reserved it meanwhile
            return false;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot reserve port " + port + " in " + locks, e);
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Path lockFolder() {
        Path folder = Path.of(System.getProperty("java.io.tmpdir"), "cairn-ports-" + System.getProperty("user.name"));
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the port reservation folder " + folder, e);
        }
        return folder;
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing held
            }
        }
    }

    /**
     * The processes that listen on TCP {@code port} (IPv4 or IPv6), by pid, read from {@code /proc}. A listening
     * socket whose owner cannot be read (another user's process) shows as pid -1.
     */
    public static Set<Long> holders(int port) {
        Set<String> inodes = listeningInodes(port);
        Set<Long> pids = new HashSet<>();
        if (inodes.isEmpty()) {
            return pids;
        }
        Set<String> found = new HashSet<>();
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.toList()) {
                String name = process.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                for (String inode : socketInodes(process)) {
                    if (inodes.contains(inode)) {
                        pids.add(Long.parseLong(name));
                        found.add(inode);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!found.containsAll(inodes)) {
            pids.add(-1L);
        }
        return pids;
    }

    /**
     * Checks that {@code pid} (or a process under it) listens on {@code port} and that no other process does;
     * throws naming the server otherwise.
     */
    public static void requireOwnPort(String server, long pid, int port) {
        Set<Long> holders = holders(port);
        Set<Long> own = new HashSet<>();
        ProcessHandle.of(pid).ifPresent(root -> {
            own.add(root.pid());
            root.descendants().forEach(child -> own.add(child.pid()));
        });
        List<Long> others =
                holders.stream().filter(holder -> !own.contains(holder)).toList();
        if (holders.isEmpty() || !others.isEmpty()) {
            throw new ServerStartException(server + " should listen on port " + port + " alone, but "
                    + (holders.isEmpty() ? "nothing listens there" : "it is held by " + describe(others)));
        }
    }

    private static String describeHolders(int port) {
        Set<Long> holders = holders(port);
        return holders.isEmpty() ? "" : " (by " + describe(new ArrayList<>(holders)) + ")";
    }

    private static String describe(List<Long> pids) {
        List<String> names = new ArrayList<>();
        for (long pid : pids) {
            names.add(
                    pid < 0
                            ? "a process of another user"
                            : "pid " + pid + " "
                                    + ProcessHandle.of(pid)
                                            .flatMap(h -> h.info().command())
                                            .orElse("?"));
        }
        return String.join(", ", names);
    }

    /** Inodes of the sockets listening on {@code port}, from {@code /proc/net/tcp} and {@code tcp6}. */
    private static Set<String> listeningInodes(int port) {
        Set<String> inodes = new HashSet<>();
        String hexPort = String.format(":%04X", port);
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line :
                        Files.readAllLines(Path.of(table)).stream().skip(1).toList()) {
                    String[] fields = line.trim().split("\\s+");
                    // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
                    if (fields.length > 9 && fields[1].endsWith(hexPort) && fields[3].equals("0A")) {
                        inodes.add(fields[9]);
                    }
                }
            } catch (IOException e) {
                // no IPv6 on this machine
            }
        }
        return inodes;
    }

    private static Set<String> socketInodes(Path process) {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(process.resolve("fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        } catch (IOException | SecurityException e) {
            // gone, or not ours to read
        }
        return inodes;
    }
}
