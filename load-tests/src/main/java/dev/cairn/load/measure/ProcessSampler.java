package dev.cairn.load.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Stream;

/**
 * Samples a server's resident memory and thread count (its process and the processes under it, from {@code /proc})
 * every second while a load runs, and keeps the highest of each: what "held N agents without running out of threads
 * or memory" is read from.
 */
public final class ProcessSampler implements AutoCloseable {
    private final long pid;
    private final ScheduledExecutorService timer;
    private volatile long maxRssBytes;
    private volatile long maxThreads;
    private volatile long lastRssBytes;
    private volatile long lastThreads;

    /** Starts sampling the process {@code pid} and its descendants. */
    public ProcessSampler(long pid) {
        this.pid = pid;
        sample();
        timer = Sampling.everySecond("process-sampler", this::sample, 1);
    }

    private void sample() {
        long rss = 0;
        long threads = 0;
        for (long p : tree()) {
            Status s = status(Path.of("/proc", Long.toString(p), "status"));
            rss += s.rssBytes();
            threads += s.threads();
        }
        lastRssBytes = rss;
        lastThreads = threads;
        maxRssBytes = Math.max(maxRssBytes, rss);
        maxThreads = Math.max(maxThreads, threads);
    }

    private List<Long> tree() {
        return ProcessHandle.of(pid)
                .map(h -> Stream.concat(Stream.of(h), h.descendants())
                        .map(ProcessHandle::pid)
                        .toList())
                .orElse(List.of());
    }

    /** The highest resident memory seen, in bytes. */
    public long maxRssBytes() {
        return maxRssBytes;
    }

    /** The most threads seen. */
    public long maxThreads() {
        return maxThreads;
    }

    /** The last sample, as a line: resident memory in MiB and threads, now and at most. */
    public String summary() {
        return "RSS %d MiB (max %d MiB), threads %d (max %d)"
                .formatted(lastRssBytes >> 20, maxRssBytes >> 20, lastThreads, maxThreads);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** What a {@code /proc/<pid>/status} file says of memory and threads. */
    record Status(long rssBytes, long threads) {}

    static Status status(Path file) {
        try {
            return parseStatus(Files.readAllLines(file));
        } catch (IOException e) {
            return new Status(0, 0); // the process ended between listing and reading
        }
    }

    /** Reads {@code VmRSS} (kB) and {@code Threads} out of the lines of a {@code /proc/<pid>/status} file. */
    static Status parseStatus(List<String> lines) {
        long rss = 0;
        long threads = 0;
        for (String line : lines) {
            String[] f = line.split("\\s+");
            if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(f[1]) * 1024;
            } else if (line.startsWith("Threads:")) {
                threads = Long.parseLong(f[1]);
            }
        }
        return new Status(rss, threads);
    }
}
