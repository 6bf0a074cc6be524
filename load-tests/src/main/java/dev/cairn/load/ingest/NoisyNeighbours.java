package dev.cairn.load.ingest;

import dev.cairn.agent.backup.BackupRun;
import dev.cairn.load.fixture.Fixture;
import dev.cairn.load.fixture.FixtureMain;
import dev.cairn.load.fixture.LocalPlatform;
import dev.cairn.load.measure.Percentiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code ./cairn load noisy [--quiet N] [--interval S] [--seconds N] [--loud-mib N]}: how much one tenant at full
 * ingest rate slows its neighbours. The fixture's first tenant is the loud one; the next N (default 100) each back up
 * a small change (a few of its files rewritten) every {@code interval} seconds (default 20, each tenant at its own
 * offset: a steady rate, not back to back), first on a quiet platform, then while the loud tenant backs up
 * {@code loud-mib} MiB of new data after new data. Prints the small backups' completion times in both phases (goal:
 * p99 with the loud tenant within 2× of the quiet p99) and what the loud tenant sent.
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
        LocalPlatform platform = LocalPlatform.fromEnvironment();
        Fixture fixture = Fixture.load(platform.home());
        if (quiet + 1 > fixture.tenants().size()) {
            throw new IllegalArgumentException("the fixture has "
                    + fixture.tenants().size() + " tenants with an agent"
                    + " (one loud and --quiet quiet ones are needed): ./cairn load fixture --tenants " + (quiet + 1));
        }
        Path work = platform.home().resolve("load").resolve("work").resolve("noisy");
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
            Percentiles calm = phase(pool, small, work, seconds, interval, random, null);
            System.out.println("quiet platform:     " + calm.summary(" s"));
            AgentBackups loud = new AgentBackups(fixture.tenants().get(0), fixture.entryPoint());
            AtomicLong loudBytes = new AtomicLong();
            long begin = System.nanoTime();
            Percentiles noisy = phase(pool, small, work, seconds, interval, random, stop -> {
                Path dir = work.resolve("loud");
                while (!stop.get()) {
                    loudBytes.addAndGet(Datasets.write(
                            dir, Math.max(1, loudMib / (LOUD_FILE_BYTES >> 20)), LOUD_FILE_BYTES, random.split()));
                    loud.backup(dir);
                }
            });
            double loudSeconds = (System.nanoTime() - begin) / 1e9;
            System.out.println("beside a loud one:  " + noisy.summary(" s"));
            System.out.printf(
                    "the loud tenant backed up %d MiB of new data in %.0f s (%.1f MB/s); p99 ratio %.2f (goal ≤ 2)%n",
                    loudBytes.get() >> 20,
                    loudSeconds,
                    loudBytes.get() / loudSeconds / 1e6,
                    noisy.at(99) / calm.at(99));
        } finally {
            pool.shutdownNow();
        }
    }

    /** A loud tenant's work, given the flag that ends it. */
    private interface Loud {
        void run(java.util.concurrent.atomic.AtomicBoolean stop) throws Exception;
    }

    /**
     * Every quiet tenant changes a few files and backs up every {@code interval} seconds (starting at a random
     * offset; at once when its last backup took longer) for {@code seconds}, beside {@code loud}, if any, which runs
     * until the last small backup has finished: their completion times, s.
     */
    private static Percentiles phase(
            ExecutorService pool,
            List<AgentBackups> small,
            Path work,
            int seconds,
            int interval,
            SplittableRandom random,
            Loud loud)
            throws Exception {
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Future<?> loudRun = loud == null
                ? null
                : pool.submit(() -> {
                    loud.run(stop);
                    return null;
                });
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        ConcurrentLinkedQueue<Double> times = new ConcurrentLinkedQueue<>();
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
        return new Percentiles(times);
    }
}
