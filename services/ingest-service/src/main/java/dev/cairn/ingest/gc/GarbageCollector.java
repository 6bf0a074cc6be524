package dev.cairn.ingest.gc;

import dev.cairn.ingest.IngestConfig;
import dev.cairn.ingest.fault.FaultPoints;
import dev.cairn.ingest.pack.Pack;
import dev.cairn.ingest.pack.PackStore;
import dev.cairn.platform.problem.ProblemException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Garbage collection that gives the space back (docs/adr/0015-garbage-collection.md). Per tenant, in this order:
 *
 * <ol>
 *   <li><b>delete</b> the objects of packs retired at least the grace period ago (restores in flight are done with
 *       them: the grace is never shorter than the pre-signed URL lifetime);
 *   <li><b>mark and sweep</b> in one statement: chunks referenced by no backup, neither written nor promised to an
 *       agent since the horizon, leave the chunk index;
 *   <li><b>rewrite</b> packs whose live chunks fall under {@code repack-below} of their chunk bytes: the live chunks
 *       are copied into a new pack, the catalog points at it and the old one is retired, in one transaction with the
 *       tenant's stored bytes and a negative usage event; a pack with no live chunk is retired as it is.
 * </ol>
 *
 * Backups, restores and ingest go on beside it: no lock of theirs is taken. One run at a time across instances (an
 * advisory lock); a run killed anywhere leaves either an orphan pack (the orphan collector's) or a retired pack whose
 * objects the next run deletes, and counts nothing twice.
 */
@ApplicationScoped
public class GarbageCollector {
    private static final Logger LOG = Logger.getLogger(GarbageCollector.class);

    private final GcCatalog catalog;
    private final PackStore store;
    private final IngestConfig config;
    private final FaultPoints faults;
    private final Counter swept;
    private final Counter reclaimed;

    public GarbageCollector(
            GcCatalog catalog, PackStore store, IngestConfig config, FaultPoints faults, MeterRegistry meters) {
        this.catalog = catalog;
        this.store = store;
        this.config = config;
        this.faults = faults;
        this.swept = Counter.builder("cairn.gc.chunks.swept")
                .description("Chunks garbage collection removed from the chunk index")
                .register(meters);
        this.reclaimed = Counter.builder("cairn.gc.reclaimed.bytes")
                .description("Stored bytes garbage collection gave back (packs rewritten, emptied)")
                .baseUnit("bytes")
                .register(meters);
    }

    /** Every {@code cairn.ingest.gc.every}, on whichever instance gets the lock first: every tenant, for real. */
    @Scheduled(
            identity = "garbage-collection",
            every = "${cairn.ingest.gc.every:6h}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            GcReport report = run(false, null);
            LOG.infof(
                    "garbage collection %s: %d tenant(s), %d chunk(s) swept, %d byte(s) given back",
                    report.runId(), report.tenants().size(), report.chunksSwept(), report.reclaimedBytes());
        } catch (ProblemException e) {
            LOG.infof("garbage collection skipped: %s", e.getMessage());
        }
    }

    /**
     * Collects one tenant, or every tenant with packs ({@code tenant} null). A dry run changes nothing and answers what
     * would be swept and given back now; a real run answers 409 while another one is going on.
     */
    public GcReport run(boolean dryRun, UUID tenant) {
        UUID runId = UUID.randomUUID();
        Instant started = Instant.now();
        if (dryRun) {
            return GcReport.of(runId, true, started, collectAll(runId, started, true, tenant));
        }
        try (Connection lock = catalog.connection()) {
            if (!GcCatalog.tryLock(lock)) {
                throw ProblemException.conflict("a garbage collection is running already: try again when it ends");
            }
            try {
                List<GcRun> runs = collectAll(runId, started, false, tenant);
                catalog.record(runs);
                return GcReport.of(runId, false, started, runs);
            } finally {
                GcCatalog.unlock(lock);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("catalog unavailable: " + e.getMessage(), e);
        }
    }

    private List<GcRun> collectAll(UUID runId, Instant started, boolean dryRun, UUID only) {
        Map<UUID, Integer> deleted = dryRun ? Map.of() : deleteRetired(only);
        List<UUID> tenants = only == null ? catalog.tenants() : List.of(only);
        List<GcRun> runs = new ArrayList<>();
        for (UUID tenant : tenants) {
            runs.add(collect(runId, started, dryRun, tenant, deleted.getOrDefault(tenant, 0)));
        }
        return runs;
    }

    /** Deletes the objects of packs retired before the grace period, then their rows; how many objects per tenant. */
    private Map<UUID, Integer> deleteRetired(UUID tenant) {
        Duration grace = config.gc().retiredGrace().compareTo(config.urlTtl()) < 0
                ? config.urlTtl()
                : config.gc().retiredGrace();
        Map<UUID, Integer> deleted = new HashMap<>();
        for (GcCatalog.Retired r : catalog.retiredBefore(grace, tenant)) {
            store.delete(r.region(), r.objectKey());
            store.delete(r.region(), PackStore.indexOf(r.objectKey()));
            catalog.forget(r.id());
            deleted.merge(r.tenantId(), 2, Integer::sum);
        }
        return deleted;
    }

    private GcRun collect(UUID runId, Instant started, boolean dryRun, UUID tenant, int objectsDeleted) {
        IngestConfig.Gc gc = config.gc();
        Map<UUID, GcCatalog.Swept> gone = dryRun
                ? catalog.sweepable(tenant, gc.safetyWindow(), gc.promiseRefresh())
                : catalog.sweep(tenant, gc.safetyWindow(), gc.promiseRefresh());
        long chunks = gone.values().stream().mapToLong(GcCatalog.Swept::chunks).sum();
        long sweptBytes =
                gone.values().stream().mapToLong(GcCatalog.Swept::bytes).sum();
        int rewritten = 0;
        int emptied = 0;
        long given = 0;
        if (!dryRun) {
            GcCatalog.Emptied retired = catalog.retireEmpty(tenant);
            emptied = retired.packs();
            given = retired.bytes();
        }
        for (GcCatalog.PackState p : catalog.packs(tenant)) {
            GcCatalog.Swept s =
                    dryRun ? gone.getOrDefault(p.id(), new GcCatalog.Swept(0, 0)) : new GcCatalog.Swept(0, 0);
            long liveBytes = p.liveBytes() - s.bytes();
            PackFate fate = PackFate.of(p.liveChunks() - s.chunks(), liveBytes, p.dataBytes(), gc.repackBelow());
            if (fate == PackFate.Emptied) { // only in a dry run: a real one retired them all above
                emptied++;
                given += p.sizeBytes();
            } else if (fate == PackFate.Rewritten) {
                if (dryRun) {
                    given += p.sizeBytes() - liveBytes;
                } else {
                    try {
                        given -= rewrite(tenant, p);
                    } catch (RuntimeException e) {
                        // left for the next run; the others go on
                        LOG.warnf("pack %s of tenant %s not rewritten: %s", p.id(), tenant, e.getMessage());
                        continue;
                    }
                }
                rewritten++;
            }
        }
        if (!dryRun) {
            swept.increment(chunks);
            reclaimed.increment(Math.max(0, given));
        }
        return new GcRun(
                runId, tenant, started, Instant.now(), chunks, sweptBytes, rewritten, emptied, objectsDeleted, given);
    }

    /** Copies a pack's live chunks into a new pack, then points the catalog at it; answers the stored-bytes delta. */
    private long rewrite(UUID tenant, GcCatalog.PackState old) {
        byte[] data = store.get(old.region(), old.objectKey())
                .orElseThrow(() -> new IllegalStateException(
                        "pack " + old.objectKey() + " is missing from " + old.region() + ": not rewritten"));
        Pack fresh = new Pack(tenant, old.region());
        for (GcCatalog.Live chunk : catalog.live(tenant, old.id())) {
            if (chunk.offset() + chunk.length() > data.length) {
                throw new IllegalStateException("pack " + old.id() + " is shorter than its index says: left as it is");
            }
            byte[] envelope = new byte[chunk.length()];
            System.arraycopy(data, (int) chunk.offset(), envelope, 0, chunk.length());
            fresh.add(chunk.id(), envelope);
        }
        store.put(fresh.region(), tenant, PackStore.packName(fresh.id()), fresh.data());
        store.put(fresh.region(), tenant, PackStore.indexOf(PackStore.packName(fresh.id())), fresh.index());
        faults.pass(FaultPoints.Point.GC_BEFORE_REPACK_COMMIT);
        long delta = catalog.replace(tenant, old, fresh);
        faults.pass(FaultPoints.Point.GC_AFTER_REPACK_COMMIT);
        return delta;
    }
}
