package dev.cairn.load.ingest;

import dev.cairn.agent.backup.BackupRun;
import dev.cairn.load.fixture.Fixture;
import dev.cairn.load.fixture.FixtureMain;
import dev.cairn.load.fixture.LocalPlatform;
import dev.cairn.load.measure.Percentiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * {@code ./cairn load noisy [--quiet N] [--interval S] [--seconds N] [--loud-mib N] [--loud-nice N]}: how much one tenant at full
 * ingest rate slows its neighbours. The fixture's first tenant is the loud one; the next N (default 100) each back up
 * a small change (a few of its files rewritten) every {@code interval} seconds (default 20, each tenant at its own
 * offset: a steady rate, not back to back), first on a quiet platform, then while the loud tenant backs up
 * {@code loud-mib} MiB of new data after new data. Prints the small backups' completion times in both phases (goal:
 * p99 with the loud tenant within 2× of the quiet p99), the agent's stages of them, and what the loud tenant sent.
 * The loud tenant runs in a JVM of its own under {@code nice -n loud-nice} (default 19; below 0: in this JVM).
 */
public final class NoisyNeighbours {
    private static final int SMALL_FILES = 50;
    private static final int SMALL_FILE_BYTES = 16 << 10;
    private static final int CHANGED_FILES = 5;
    private static final int LOUD_FILE_BYTES = 64 << 20;

    private NoisyNeighbours() {}

    public static void main(String[] args) throws Exception {
        int quiet = FixtureMain.option(args, "--quiet", 100);
        int seconds = FixtureMain.option(args, "--seconds", 60);
        int interval = FixtureMain.option(args, "--interval", 20);
        int loudMib = FixtureMain.option(args, "--loud-mib", 1024);
        int loudNice = FixtureMain.option(args, "--loud-nice", 19);
        LocalPlatform platform = LocalPlatform.fromEnvironment();
        Fixture fixture = Fixture.load(platform.home());
        if (quiet + 1 > fixture.tenants().size()) {
            throw new IllegalArgumentException("the fixture has "
                    + fixture.tenants().size() + " tenants with an agent"
                    + " (one loud and --quiet quiet ones are needed): ./cairn load fixture --tenants " + (quiet + 1));
        }
        Path work = work(platform);
        SplittableRandom random = new SplittableRandom();
        List<AgentBackups> small = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(quiet + 1);
        try {
            // every quiet tenant's first (full) backup, untimed: what follows are incremental backups
            List<Future<?>> firsts = new ArrayList<>();
            for (int i = 1; i <= quiet; i++) {
                AgentBackups b = new AgentBackups(fixture.tenants().get(i), fixture.entryPoint());
                small.add(b);
                Path dir = work.resolve(Integer.toString(i));
                Datasets.write(dir, SMALL_FILES, SMALL_FILE_BYTES, random.split());
                firsts.add(pool.submit(() -> b.backup(dir)));
            }
            for (Future<?> f : firsts) {
                f.get();
            }
            System.out.printf(
                    "%d quiet tenants made their first backups; each now backs up %d changed files of %d KiB every"
                            + " %d s%n",
                    quiet, CHANGED_FILES, SMALL_FILE_BYTES >> 10, interval);
            Phase calm = phase(pool, small, work, seconds, interval, random, null);
            calm.print("quiet platform:    ");
            AtomicLong loudBytes = new AtomicLong();
            long begin = System.nanoTime();
            Phase noisy = phase(
                    pool,
                    small,
                    work,
                    seconds,
                    interval,
                    random,
                    loudNice >= 0
                            ? stop -> loudBytes.set(loudProcess(loudNice, loudMib, stop))
                            : stop -> loudBytes.set(loud(fixture, loudDir(work), loudMib, stop::get)));
            double loudSeconds = (System.nanoTime() - begin) / 1e9;
            noisy.print("beside a loud one: ");
            System.out.printf(
                    "the loud tenant (%s) backed up %d MiB of new data in %.0f s (%.1f MB/s); p99 ratio %.2f (goal"
                            + " ≤ 2)%n",
                    loudNice >= 0 ? "its own JVM under nice " + loudNice : "in this JVM",
                    loudBytes.get() >> 20,
                    loudSeconds,
                    loudBytes.get() / loudSeconds / 1e6,
                    noisy.total().at(99) / calm.total().at(99));
        } finally {
            pool.shutdownNow();
        }
    }

    /** Where the run's tenants keep the files they back up. */
    static Path work(LocalPlatform platform) {
        return platform.home().resolve("load").resolve("work").resolve("noisy");
    }

    /** The loud tenant's files, in {@code work}. */
    static Path loudDir(Path work) {
        return work.resolve("loud");
    }

    /**
     * The loud tenant (the fixture's first) backs up {@code mib} MiB of new data after another until {@code stop}:
     * the bytes it backed up.
     */
    static long loud(Fixture fixture, Path dir, int mib, BooleanSupplier stop) throws IOException {
        AgentBackups loud = new AgentBackups(fixture.tenants().get(0), fixture.entryPoint());
        SplittableRandom random = new SplittableRandom();
        long bytes = 0;
        while (!stop.getAsBoolean()) {
            bytes += Datasets.write(dir, Math.max(1, mib / (LOUD_FILE_BYTES >> 20)), LOUD_FILE_BYTES, random.split());
            loud.backup(dir);
        }
        return bytes;
    }

    /**
     * The loud tenant in a JVM of its own under {@code nice}: its agent's chunking, compression and encryption (a
     * core's worth at full rate) would run on the tenant's own nodes, not on the platform's, and on this machine they
     * would otherwise take their share of the two cores the platform has (ADR 0031). It runs until {@code stop}, then
     * finishes its backup: the bytes it backed up, as it reports them.
     */
    private static long loudProcess(int nice, int mib, AtomicBoolean stop) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                "nice",
                "-n",
                Integer.toString(nice),
                ProcessHandle.current().info().command().orElse("java")));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of(
                "-cp", System.getProperty("java.class.path"), LoudTenant.class.getName(), Integer.toString(mib)));
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try (var toChild = process.getOutputStream();
                var fromChild =
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            while (!stop.get()) {
                // the small backups' pace decides the end: a sleep, not a wait for a condition
                Thread.sleep(200);
            }
            toChild.write('\n'); // "stop"
            toChild.flush();
            String last = null;
            for (String line = fromChild.readLine(); line != null; line = fromChild.readLine()) {
                last = line;
            }
            if (process.waitFor() != 0 || last == null || !last.startsWith(LoudTenant.BYTES)) {
                throw new IllegalStateException("the loud tenant's JVM ended " + process.exitValue() + ": " + last);
            }
            return Long.parseLong(last.substring(LoudTenant.BYTES.length()).strip());
        } finally {
            process.destroy();
        }
    }

    /** The small backups' completion times, s, and the seconds each spent in each of the agent's stages. */
    private record Phase(Percentiles total, Map<String, Percentiles> stages) {
        void print(String title) {
            System.out.println(title + " " + total.summary(" s"));
            stages.forEach((stage, p) -> System.out.printf("    %-16s %s%n", stage, p.summary(" s")));
        }
    }

    /** A loud tenant's work, given the flag that ends it. */
    private interface Loud {
        void run(AtomicBoolean stop) throws Exception;
    }

    /**
     * Every quiet tenant changes a few files and backs up every {@code interval} seconds (starting at a random
     * offset; at once when its last backup took longer) for {@code seconds}, beside {@code loud}, if any, which runs
     * until the last small backup has finished: their completion times and stages.
     */
    private static Phase phase(
            ExecutorService pool,
            List<AgentBackups> small,
            Path work,
            int seconds,
            int interval,
            SplittableRandom random,
            Loud loud)
            throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        Future<?> loudRun = loud == null
                ? null
                : pool.submit(() -> {
                    loud.run(stop);
                    return null;
                });
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        ConcurrentLinkedQueue<Double> times = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Map<String, Double>> timings = new ConcurrentLinkedQueue<>();
        List<Future<?>> loops = new ArrayList<>();
        for (int i = 0; i < small.size(); i++) {
            AgentBackups b = small.get(i);
            Path dir = work.resolve(Integer.toString(i + 1));
            SplittableRandom own = random.split();
            long offset = (long) (own.nextDouble() * interval * 1e9);
            loops.add(pool.submit(() -> {
                long next = System.nanoTime() + offset;
                while (next < end) {
                    // the pace of a tenant's schedule: a sleep is the point here, not a wait for a condition
                    Thread.sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000));
                    next = Math.max(next + interval * 1_000_000_000L, System.nanoTime());
                    Datasets.change(dir, SMALL_FILES, CHANGED_FILES, SMALL_FILE_BYTES, own);
                    long begin = System.nanoTime();
                    BackupRun.Result r = b.backup(dir);
                    times.add((System.nanoTime() - begin) / 1e9);
                    timings.add(r.timings());
                    if (r.statistics() == null) {
                        throw new IllegalStateException("a backup without statistics: " + r.id());
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : loops) {
            f.get();
        }
        stop.set(true);
        if (loudRun != null) {
            loudRun.get();
        }
        // the agent's stages in its order
        Map<String, List<Double>> stages = new LinkedHashMap<>();
        timings.forEach(t -> t.forEach((stage, s) ->
                stages.computeIfAbsent(stage, k -> new ArrayList<>()).add(s)));
        Map<String, Percentiles> byStage = new LinkedHashMap<>();
        stages.forEach((stage, s) -> byStage.put(stage, new Percentiles(s)));
        return new Phase(new Percentiles(times), byStage);
    }
}
