package dev.cairn.agent.progress;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters of a running backup, restore or verification, and a line that redraws itself twice a second on a
 * terminal: files and bytes done of the total (when known), rate and ETA.
 */
public final class Progress implements AutoCloseable {
    public final AtomicLong files = new AtomicLong();
    public final AtomicLong bytes = new AtomicLong();
    public final AtomicLong totalFiles = new AtomicLong(-1);
    public final AtomicLong totalBytes = new AtomicLong(-1);
    public final AtomicLong newBytes = new AtomicLong();
    public final AtomicLong sentBytes = new AtomicLong();
    private final String verb;
    private final long started = System.nanoTime();
    private volatile String stage = "";
    private ScheduledExecutorService ticker;
    private PrintStream out;

    public Progress(String verb) {
        this.verb = verb;
    }

    /** Redraws the line on {@code out} every 500 ms until closed. */
    public Progress showOn(PrintStream out) {
        this.out = out;
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cairn-progress");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(() -> out.print("\r" + line() + "\u001b[K"), 500, 500, TimeUnit.MILLISECONDS);
        return this;
    }

    /** What is happening now, when it is not reading files (for example "waiting for the platform"). */
    public void stage(String stage) {
        this.stage = stage;
    }

    /** The counters as the platform is told them: with the rate and ETA, and the stage (absent when none). */
    public dev.cairn.api.agent.command.Progress snapshot() {
        return dev.cairn.api.agent.command.Progress.of(
                stage.isEmpty() ? null : stage,
                files.get(),
                bytes.get(),
                totalFiles.get(),
                totalBytes.get(),
                seconds());
    }

    public double seconds() {
        return (System.nanoTime() - started) / 1e9;
    }

    /** The line as shown. */
    public String line() {
        double s = Math.max(seconds(), 0.001);
        long b = bytes.get();
        double rate = b / s;
        StringBuilder line = new StringBuilder(verb).append(' ');
        long tf = totalFiles.get();
        long tb = totalBytes.get();
        line.append(files.get()).append(tf >= 0 ? "/" + tf : "").append(" files, ");
        line.append(bytes(b)).append(tb >= 0 ? "/" + bytes(tb) : "");
        line.append(String.format(Locale.ROOT, ", %s/s", bytes((long) rate)));
        if (tb > 0 && rate > 0 && b < tb) {
            line.append(", ETA ").append(duration((long) ((tb - b) / rate)));
        }
        if (newBytes.get() > 0) {
            line.append(", new ").append(bytes(newBytes.get()));
        }
        if (!stage.isEmpty()) {
            line.append(" - ").append(stage);
        }
        return line.toString();
    }

    public static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    public static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, (seconds / 60) % 60);
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
            out.print("\r\u001b[K");
            out.flush();
        }
    }
}
