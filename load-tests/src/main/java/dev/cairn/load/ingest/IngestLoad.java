package dev.cairn.load.ingest;

import dev.cairn.agent.backup.BackupRun;
import dev.cairn.load.fixture.Fixture;
import dev.cairn.load.fixture.FixtureMain;
import dev.cairn.load.fixture.LocalPlatform;
import dev.cairn.load.measure.ProcessSampler;
import dev.cairn.load.measure.Prometheus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code ./cairn load ingest [--agents N] [--files N] [--file-kib N]}: N of the fixture's agents (default 20) each
 * back up a folder of new random files at once, through the real data path (packs to object storage, records over
 * Kafka, ingest, catalog). Prints the records and bytes ingest counted per second over the run (its own
 * {@code cairn_ingest_records_total} and {@code cairn_ingest_bytes_total}, read before and after), and the
 * ingest service's memory.
 */
public final class IngestLoad {
    private IngestLoad() {}

    public static void main(String[] args) throws Exception {
        int agents = FixtureMain.option(args, "--agents", 20);
        int files = FixtureMain.option(args, "--files", 200);
        int fileKib = FixtureMain.option(args, "--file-kib", 256);
        LocalPlatform platform = LocalPlatform.fromEnvironment();
        Fixture fixture = Fixture.load(platform.home());
        if (agents > fixture.tenants().size()) {
            throw new IllegalArgumentException(
                    "the fixture has " + fixture.tenants().size() + " tenants with an agent");
        }
        String metrics = "http://127.0.0.1:" + platform.port("ingest-service-management") + "/q/metrics";
        Path work = platform.home().resolve("load").resolve("work").resolve("ingest");
        List<AgentBackups> backups = new ArrayList<>();
        List<Path> dirs = new ArrayList<>();
        SplittableRandom random = new SplittableRandom();
        long bytes = 0;
        for (int i = 0; i < agents; i++) {
            backups.add(new AgentBackups(fixture.tenants().get(i), fixture.entryPoint()));
            Path dir = work.resolve(Integer.toString(i));
            bytes += Datasets.write(dir, files, fileKib * 1024L, random.split());
            dirs.add(dir);
        }
        System.out.printf(
                "%d agents back up %d files of %d KiB each (%d MiB in all, new data)%n",
                agents, files, fileKib, bytes >> 20);
        String before = Prometheus.scrape(metrics);
        long begin = System.nanoTime();
        List<BackupRun.Result> results = new ArrayList<>();
        try (ProcessSampler ingest = new ProcessSampler(platform.pid("ingest-service"));
                ExecutorService pool = Executors.newFixedThreadPool(agents)) {
            List<Future<BackupRun.Result>> futures = new ArrayList<>();
            for (int i = 0; i < agents; i++) {
                AgentBackups b = backups.get(i);
                Path dir = dirs.get(i);
                futures.add(pool.submit(() -> b.backup(dir)));
            }
            for (Future<BackupRun.Result> f : futures) {
                results.add(f.get());
            }
            double seconds = (System.nanoTime() - begin) / 1e9;
            String after = Prometheus.scrape(metrics);
            double records = Prometheus.sum(after, "cairn_ingest_records_total")
                    - Prometheus.sum(before, "cairn_ingest_records_total");
            double packs = Prometheus.sum(after, "cairn_ingest_records_total", "outcome=\"pack\"")
                    - Prometheus.sum(before, "cairn_ingest_records_total", "outcome=\"pack\"");
            double ingested = Prometheus.sum(after, "cairn_ingest_bytes_total")
                    - Prometheus.sum(before, "cairn_ingest_bytes_total");
            System.out.printf(
                    "%d backups Completed in %.1f s: ingest counted %.0f records (%.0f of them pack announcements), %.0f records/s,"
                            + " %.1f MB/s of ingested bytes; %.1f MB/s of source data end to end; ingest service %s%n",
                    results.size(),
                    seconds,
                    records,
                    packs,
                    records / seconds,
                    ingested / seconds / 1e6,
                    bytes / seconds / 1e6,
                    ingest.summary());
        }
    }
}
