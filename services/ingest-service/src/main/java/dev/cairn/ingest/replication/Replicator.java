package dev.cairn.ingest.replication;

import dev.cairn.ingest.IngestConfig;
import dev.cairn.ingest.pack.PackStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Carries out replication tasks, on every instance, every {@code cairn.ingest.replication.every}: a copy is read from
 * the home region, written to the tenant's DR region with its MD5 (the home store's entity tag, not hashed again here;
 * the DR store refuses bytes that do not match it), then checked there (size, and the entity tag against the MD5); a deletion removes the recorded copies. A region that does not
 * answer is left alone for a while (doubling up to {@code max-backoff}); its tasks wait, and the lag shows it.
 * Nothing is written to a region other than the tenant's DR region.
 */
@ApplicationScoped
public class Replicator {
    private static final Logger LOG = Logger.getLogger(Replicator.class);

    private final ReplicationQueue queue;
    private final PackStore store;
    private final TenantRegions regions;
    private final IngestConfig.Replication config;
    private final Map<String, Instant> downUntil = new ConcurrentHashMap<>();
    private final Map<String, Duration> backoff = new ConcurrentHashMap<>();
    private final AtomicReference<List<ReplicationQueue.Lag>> lags = new AtomicReference<>(List.of());
    private final MultiGauge tenantLagSeconds;
    private final MultiGauge tenantBytesBehind;

    public Replicator(
            ReplicationQueue queue,
            PackStore store,
            TenantRegions regions,
            IngestConfig config,
            MeterRegistry metrics) {
        this.queue = queue;
        this.store = store;
        this.regions = regions;
        this.config = config.replication();
        this.tenantLagSeconds = MultiGauge.builder("cairn.replication.tenant.lag.seconds")
                .description("Per tenant: age of the oldest object not copied to its DR region yet (the RPO now)")
                .register(metrics);
        this.tenantBytesBehind = MultiGauge.builder("cairn.replication.tenant.behind.bytes")
                .description("Per tenant: bytes not copied to its DR region yet")
                .register(metrics);
        Gauge.builder(
                        "cairn.replication.lag.seconds",
                        this,
                        r -> r.lags.get().stream()
                                .mapToDouble(l -> l.seconds(Instant.now()))
                                .max()
                                .orElse(0))
                .description("The largest replication lag of any tenant")
                .register(metrics);
        Gauge.builder(
                        "cairn.replication.behind.bytes",
                        this,
                        r -> r.lags.get().stream()
                                .mapToLong(ReplicationQueue.Lag::bytesBehind)
                                .sum())
                .description("Bytes not copied to DR regions yet, all tenants")
                .register(metrics);
    }

    @Scheduled(
            every = "${cairn.ingest.replication.every:1s}",
            delayed = "3s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            replicate();
            List<ReplicationQueue.Lag> now = queue.lags();
            lags.set(now);
            Instant at = Instant.now();
            tenantLagSeconds.register(
                    now.stream()
                            .map(l -> MultiGauge.Row.of(
                                    Tags.of("tenant", l.tenantId().toString()), l.seconds(at)))
                            .toList(),
                    true);
            tenantBytesBehind.register(
                    now.stream()
                            .map(l -> MultiGauge.Row.of(
                                    Tags.of("tenant", l.tenantId().toString()), l.bytesBehind()))
                            .toList(),
                    true);
        } catch (RuntimeException e) {
            LOG.warnf("replication round stopped: %s", e.getMessage());
        }
    }

    /** Runs due tasks until none is due, {@code batch} are done, or one fails; how many were done. */
    public int replicate() {
        int done = 0;
        while (done < config.batch()) {
            Optional<Outcome> outcome = queue.next(this::perform);
            if (outcome.isEmpty() || outcome.get() instanceof Outcome.Retry r && r.attempted()) {
                break;
            }
            done++;
        }
        return done;
    }

    Outcome perform(Task task) {
        try {
            return switch (task.action()) {
                case COPY -> copy(task);
                case DELETE -> delete(task);
            };
        } catch (RuntimeException e) {
            return new Outcome.Retry(
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), wait(task), true);
        }
    }

    private Outcome copy(Task task) {
        Optional<TenantRegions.Regions> found = regions.find(task.tenantId());
        if (found.isEmpty()) {
            return new Outcome.Dropped("the tenant is gone");
        }
        TenantRegions.Regions r = found.get();
        if (!r.replicated()) {
            return new Outcome.Dropped("the tenant has no DR region");
        }
        if (task.copies().contains(r.dr())) {
            return new Outcome.Dropped("copied already");
        }
        if (!store.regions().contains(r.dr()) || !store.regions().contains(r.home())) {
            return new Outcome.Retry(
                    "region " + r.home() + " or " + r.dr() + " is not served by this platform",
                    config.maxBackoff(),
                    true);
        }
        Optional<Outcome> down = skipDown(task, r.home(), r.dr());
        if (down.isPresent()) {
            return down.get();
        }
        byte[] bytes;
        String hex;
        try {
            Optional<PackStore.Fetched> read = store.fetch(r.home(), task.key());
            if (read.isEmpty()) {
                return new Outcome.Dropped("the object is gone from " + r.home());
            }
            bytes = read.get().bytes();
            // a single PUT's entity tag is its MD5, which the home store computed on receipt: sent as the copy's
            // Content-MD5 it makes the DR store check the bytes without hashing them here again (and a home copy
            // whose bytes no longer match its tag is refused rather than copied)
            hex = looksLikeMd5(read.get().etag())
                    ? read.get().etag().toLowerCase(java.util.Locale.ROOT)
                    : HexFormat.of().formatHex(md5(bytes));
        } catch (RuntimeException e) {
            return failed(r.home(), task, e);
        }
        try {
            store.put(
                    r.dr(),
                    task.key(),
                    bytes,
                    Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex)));
            PackStore.Head head = store.head(r.dr(), task.key())
                    .orElseThrow(() -> new IllegalStateException("the copy is not there after it was written"));
            if (head.size() != bytes.length
                    || (looksLikeMd5(head.etag()) && !head.etag().equalsIgnoreCase(hex))) {
                return new Outcome.Retry(
                        "the copy in " + r.dr() + " failed its check (size " + head.size() + ", tag " + head.etag()
                                + "; expected " + bytes.length + ", " + hex + ")",
                        wait(task),
                        true);
            }
            answered(r.dr());
            return new Outcome.Copied(r.dr(), bytes.length, hex);
        } catch (RuntimeException e) {
            return failed(r.dr(), task, e);
        }
    }

    private Outcome delete(Task task) {
        for (String region : task.copies()) {
            Optional<Outcome> down = skipDown(task, region);
            if (down.isPresent()) {
                return down.get();
            }
            try {
                store.delete(region, task.key());
                answered(region);
            } catch (RuntimeException e) {
                return failed(region, task, e);
            }
        }
        return new Outcome.Deleted();
    }

    private Optional<Outcome> skipDown(Task task, String... needed) {
        Instant now = Instant.now();
        for (String region : needed) {
            Instant until = downUntil.get(region);
            if (until != null && until.isAfter(now)) {
                return Optional.of(
                        new Outcome.Retry("region " + region + " did not answer", Duration.between(now, until), false));
            }
        }
        return Optional.empty();
    }

    private Outcome failed(String region, Task task, RuntimeException e) {
        Duration wait = backoff.merge(region, Duration.ofSeconds(1), (a, b) -> min(a.multipliedBy(2)));
        downUntil.put(region, Instant.now().plus(wait));
        LOG.warnf("replication of %s waits %s: %s did not answer (%s)", task.key(), wait, region, e.getMessage());
        return new Outcome.Retry(region + ": " + e.getMessage(), wait, true);
    }

    private void answered(String region) {
        downUntil.remove(region);
        backoff.remove(region);
    }

    private Duration wait(Task task) {
        return min(Duration.ofSeconds(1L << Math.min(task.attempts(), 16)));
    }

    private Duration min(Duration d) {
        return d.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : d;
    }

    private static boolean looksLikeMd5(String etag) {
        return etag != null && etag.matches("[0-9a-fA-F]{32}");
    }

    private static byte[] md5(byte[] bytes) {
        try {
            return MessageDigest.getInstance("MD5").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
