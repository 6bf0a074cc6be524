package dev.cairn.it.support;

import dev.cairn.testing.platform.Platform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;

/**
 * The platform shared by every integration test of a run: started on first use, on free ports, in a fresh folder,
 * and stopped when the test JVM exits.
 */
public final class TestPlatform {
    /** How long the pre-signed URLs of the test platform work: short, so that a test can watch one expire. */
    public static final java.time.Duration URL_TTL = java.time.Duration.ofSeconds(15);
    /** The backup lease of the test platform: short, so that a backup whose agent stops renewing fails in seconds. */
    public static final java.time.Duration BACKUP_LEASE = java.time.Duration.ofSeconds(20);

    /** Garbage collection's safety window on the test platform: what is younger is never swept. */
    public static final java.time.Duration GC_WINDOW = java.time.Duration.ofSeconds(4);

    private static Platform platform;
    /** A failed start is not retried by every test: they all fail with its cause. */
    private static RuntimeException startFailure;

    private TestPlatform() {}

    public static synchronized Platform get() {
        if (startFailure != null) {
            throw new IllegalStateException("the test platform did not start", startFailure);
        }
        if (platform == null) {
            Path runs = Path.of(System.getProperty("cairn.it.home", "target/it-platform"));
            Path repository = Path.of(System.getProperty("cairn.repository", "../.."));
            // a folder of its own per run; earlier runs' folders are removed when nothing holds them any more
            deleteOldRuns(runs);
            Path home = deep(runs.resolve("run-" + System.currentTimeMillis()));
            try {
                platform = start(home, repository);
            } catch (RuntimeException e) {
                startFailure = e;
                throw e;
            }
            Runtime.getRuntime().addShutdownHook(new Thread(platform::close, "cairn-it-platform-stop"));
        }
        return platform;
    }

    /**
     * The platform's home, at least {@link #DEEP} characters from the root: every run then proves that the platform
     * starts from a clone at a deep path (a Unix-domain socket under it would exceed the kernel's 107 bytes).
     */
    private static Path deep(Path run) {
        Path home = run.toAbsolutePath().normalize();
        while (home.toString().length() < DEEP) {
            home = home.resolve("a-deliberately-deep-folder");
        }
        return home;
    }

    /** How long the test platform's home path is at least. */
    public static final int DEEP = 160;

    private static Platform start(Path home, Path repository) {
        return Platform.start(new Platform.Options(
                home,
                repository.toAbsolutePath().normalize(),
                0,
                0,
                0,
                // a deleted tenant is purged within seconds, so that tests can watch it happen
                Map.ofEntries(
                        Map.entry("cairn.tenants.deletion-grace", "PT6S"),
                        Map.entry("cairn.tenants.purge-interval", "1s"),
                        // every test signs up from 127.0.0.1: a rate the suite stays under (RateLimitIT exceeds it
                        // from an address of its own)
                        Map.entry("cairn.tenants.signups-per-minute", "120"),
                        Map.entry("cairn.tenants.signup-burst", "200"),
                        // hundreds of signups: a signup's password hash costs 1/20 of production's (the identity
                        // provider re-hashes it with its own policy at the first sign-in either way)
                        Map.entry("cairn.signup.password-hash-iterations", "30000"),
                        Map.entry("cairn.ingest.url-ttl", URL_TTL.toString()),
                        // a command delivered to an agent that stops before starting it comes back in seconds
                        Map.entry("cairn.commands.lease", "PT10S"),
                        // a backup whose agent stops renewing fails within seconds (agents renew every third)
                        Map.entry("cairn.ingest.backup-lease", BACKUP_LEASE.toString()),
                        Map.entry("cairn.ingest.lease-check-every", "2s"),
                        Map.entry("cairn.ingest.object-lock.copies-every", "2s"),
                        // garbage collection runs only when a test asks, with a window of seconds
                        Map.entry("cairn.ingest.gc.every", "off"),
                        Map.entry("cairn.ingest.gc.safety-window", GC_WINDOW.toString()),
                        Map.entry("cairn.ingest.gc.retired-grace", URL_TTL.toString()),
                        // the crash tests park ingest at named points here (FaultPoints), then kill it
                        Map.entry("cairn.ingest.fault-dir", faultDir(home).toString()),
                        // policies written into the database are armed within seconds
                        Map.entry("cairn.scheduler.reconcile-every", "2s"),
                        // and the failover test halts a scheduler instance mid-fire (FirePoints)
                        Map.entry("cairn.scheduler.fault-dir", faultDir(home).toString()),
                        // metering: its crash point, reconciliation on demand only, quotas seen within a second
                        Map.entry("cairn.metering.fault-dir", faultDir(home).toString()),
                        // recoveries: the crash test kills the recovery service in each state
                        Map.entry("cairn.recovery.fault-dir", faultDir(home).toString()),
                        // the tenant service: the race tests hold a heartbeat or a report there (LateWritesIT)
                        Map.entry("cairn.faults.dir", faultDir(home).toString()),
                        Map.entry("cairn.metering.reconcile-every", "off"),
                        Map.entry("cairn.metering.reconcile-settle", "PT2S"),
                        // statements on demand; webhooks retried within seconds
                        Map.entry("cairn.metering.statements-every", "off"),
                        Map.entry("cairn.metering.finalize-after", "PT1M"),
                        // a partner may make 10 requests at once to each service, then 5 a second (PartnerBillingIT
                        // and RateLimitIT exceed it); a tenant's users and an agent have rates the suite stays under
                        Map.entry("cairn.rate-limits.partner-per-second", "5"),
                        Map.entry("cairn.rate-limits.partner-burst", "10"),
                        Map.entry("cairn.rate-limits.tenant-per-second", "1000"),
                        Map.entry("cairn.rate-limits.tenant-burst", "5000"),
                        Map.entry("cairn.rate-limits.agent-per-second", "1000"),
                        Map.entry("cairn.rate-limits.agent-burst", "5000"),
                        Map.entry("cairn.metering.webhooks.retry-base", "PT1S"),
                        // files read out of backups for download are kept a minute, swept every 2 s
                        Map.entry("cairn.commands.download-keep", "PT1M"),
                        Map.entry("cairn.commands.download-sweep-every", "2s"),
                        Map.entry("quarkus.cache.caffeine.quotas.expire-after-write", "1S"))));
    }

    /**
     * Where the crash and race tests name the fault point at which ingest or a scheduler halts or holds
     * ({@code halt-at}, {@code hold-at}; the service answers in {@code halted}, {@code halted-pid}, {@code held}).
     */
    public static Path faultDir() {
        return faultDir(get().home());
    }

    private static Path faultDir(Path home) {
        return home.resolve("faults");
    }

    private static void deleteOldRuns(Path runs) {
        if (!Files.isDirectory(runs)) {
            return;
        }
        try (var old = Files.list(runs)) {
            for (Path run : old.toList()) {
                try (var paths = Files.walk(run)) {
                    for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(path);
                    }
                } catch (IOException e) {
                    System.err.println("cannot remove an earlier test run's folder " + run + ": " + e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
