package dev.cairn.ingest.backup;

import dev.cairn.api.agent.backup.BackupPhase;
import dev.cairn.api.agent.backup.Locations;
import dev.cairn.data.chunk.ChunkId;
import dev.cairn.data.manifest.BackupManifest;
import dev.cairn.ingest.IngestConfig;
import dev.cairn.ingest.agent.AgentIdentity;
import dev.cairn.ingest.fault.FaultPoints;
import dev.cairn.ingest.pack.PackStore;
import dev.cairn.ingest.pack.RegionHealth;
import dev.cairn.ingest.quota.QuotaGuard;
import dev.cairn.platform.page.Cursor;
import dev.cairn.platform.page.Page;
import dev.cairn.platform.problem.ProblemException;
import dev.cairn.platform.trace.BackupTraceLink;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * A backup's life on the platform: an agent starts it, sends its chunks over Kafka, and commits its manifest; the
 * backup is Completed once every chunk the manifest references is durable (checked here and by every ingest commit).
 * Restores and verifications get the locations of a backup's chunks with short-lived pre-signed URLs to their packs;
 * the bytes so handed out are the tenant's egress (RESTORED usage events). A new backup is refused at the tenant's
 * quota; reading and deleting never are.
 */
@ApplicationScoped
public class BackupService {
    private static final Logger LOG = Logger.getLogger(BackupService.class);

    private final BackupCatalog catalog;
    private final PackStore store;
    private final UrlSigner signer;
    private final IngestConfig config;
    private final FaultPoints faults;
    private final QuotaGuard quotas;
    private final RegionHealth health;
    private final BackupTraceLink traces;

    private final Instant startedAt = Instant.now();

    public BackupService(
            BackupCatalog catalog,
            PackStore store,
            UrlSigner signer,
            IngestConfig config,
            FaultPoints faults,
            QuotaGuard quotas,
            RegionHealth health,
            BackupTraceLink traces) {
        this.health = health;
        this.traces = traces;
        this.faults = faults;
        this.quotas = quotas;
        this.catalog = catalog;
        this.store = store;
        this.signer = signer;
        this.config = config;
    }

    /**
     * Starts a backup of the agent; 403 {@code quota-exceeded} when its tenant is at its limit, 409
     * {@code home-region-unavailable} while its home region's object store does not answer (ADR 0018: a backup is
     * refused at once rather than written elsewhere or left waiting).
     */
    /** What {@link #start} did: the backup, and whether this request started it (false: a repeat of its key). */
    public record Started(Backup backup, boolean created) {}

    /**
     * Starts a backup of the agent's cluster; with an {@code idempotencyKey} (null: none) a repeat of the same request
     * answers the backup the first one started (a retry after a lost answer leaves no orphan InProgress backup), and
     * the key for another source is refused (422).
     */
    public Started start(AgentIdentity agent, String source, String idempotencyKey) {
        if (idempotencyKey != null) {
            Optional<Backup> earlier = catalog.started(agent.tenantId(), agent.clusterId(), idempotencyKey);
            if (earlier.isPresent()) {
                return new Started(repeated(earlier.get(), source), false);
            }
        }
        Backup backup = start(agent, source, idempotencyKey, UUID.randomUUID());
        if (backup == null) { // the same key raced in from another request
            return new Started(
                    repeated(
                            catalog.started(agent.tenantId(), agent.clusterId(), idempotencyKey)
                                    .orElseThrow(),
                            source),
                    false);
        }
        return new Started(backup, true);
    }

    private static Backup repeated(Backup earlier, String source) {
        if (!earlier.source().equals(source)) {
            throw ProblemException.idempotencyKeyReused(
                    "this Idempotency-Key started backup " + earlier.id() + " of another source; use a new key");
        }
        return earlier;
    }

    private Backup start(AgentIdentity agent, String source, String idempotencyKey, UUID id) {
        if (!health.up(agent.homeRegion())) {
            throw new ProblemException(
                    409,
                    "home-region-unavailable",
                    "Home region unavailable",
                    "the tenant's home region " + agent.homeRegion() + " does not answer: backups are refused until"
                            + " it does (restores read from the DR region meanwhile)");
        }
        quotas.admitBackup(agent.tenantId());
        if (!catalog.create(id, agent.tenantId(), agent.clusterId(), source, config.backupLease(), idempotencyKey)) {
            return null;
        }
        // in the request's trace: a command's backup is started in the command's (the agent's BackupRun)
        LOG.infof("backup %s of tenant %s started: %s", id, agent.tenantId(), source);
        traces.started(id, agent.tenantId());
        return get(agent.tenantId(), id);
    }

    /** Renews the lease of the agent's backup in progress; 409 when it is not in progress (any more). */
    public Backup renew(AgentIdentity agent, UUID id) {
        Backup backup = get(agent.tenantId(), id);
        if (!backup.clusterId().equals(agent.clusterId())) {
            throw new BackupNotFoundException(id);
        }
        if (!catalog.renew(agent.tenantId(), agent.clusterId(), id, config.backupLease())) {
            throw ProblemException.conflict(
                    "backup " + id + " is " + get(agent.tenantId(), id).phase() + ": its lease cannot be renewed"
                            + (backup.failure() == null ? "" : " (" + backup.failure() + ")"));
        }
        return get(agent.tenantId(), id);
    }

    /**
     * Every few seconds, on every instance (the update is idempotent): backups whose agent stopped renewing end
     * Failed. Not during the first lease after this instance started: while the platform was down, no agent could
     * renew.
     */
    @Scheduled(
            every = "${cairn.ingest.lease-check-every:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void failLapsed() {
        if (Instant.now().isBefore(startedAt.plus(config.backupLease()))) {
            return;
        }
        int failed = catalog.failLapsed();
        if (failed > 0) {
            LOG.infof("%d backup(s) failed: their agents stopped renewing their leases", failed);
        }
    }

    public Backup get(UUID tenant, UUID id) {
        return catalog.find(tenant, id).orElseThrow(() -> new BackupNotFoundException(id));
    }

    /**
     * Deletes a finished backup: its manifest object first (in every region it may be in, so that a catalog rebuild
     * cannot bring it back), then its catalog row and references. Restores of other backups are unaffected: the
     * chunks stay until garbage collection finds them referenced by no backup. Deleting it again is a 404.
     */
    public void delete(UUID tenant, UUID id) {
        Backup backup = get(tenant, id);
        if (!backup.phase().isFinal()) {
            throw ProblemException.conflict(
                    "backup " + id + " is " + backup.phase() + ": it can be deleted once it has finished");
        }
        if (backup.lockedUntil() != null && backup.lockedUntil().isAfter(Instant.now())) {
            throw new ProblemException(
                    409,
                    "backup-immutable",
                    "Backup is immutable",
                    "backup " + id + " is immutable until " + backup.lockedUntil()
                            + " (its policy's immutability): nobody can delete it before then",
                    java.util.Map.of("immutableUntil", backup.lockedUntil().toString()));
        }
        String manifest = PackStore.key(tenant, "backups/" + id + ".manifest");
        // in every region it may be in, so that a catalog rebuild cannot bring it back; a region that does not answer
        // now is left to the replication task the catalog's delete writes (it deletes the copies it recorded)
        RuntimeException failed = null;
        int deleted = 0;
        for (String region : store.regions()) {
            try {
                store.delete(region, manifest);
                deleted++;
            } catch (RuntimeException e) {
                LOG.warnf("manifest of backup %s not deleted in %s now: %s", id, region, e.getMessage());
                failed = e;
            }
        }
        if (deleted == 0 && failed != null) {
            throw failed;
        }
        if (!catalog.delete(tenant, id)) {
            throw new BackupNotFoundException(id);
        }
    }

    /** A page of the tenant's backups (of one cluster, or all), newest first. */
    public Page<Backup> list(UUID tenant, UUID cluster, String cursor, int limit) {
        return Page.of(
                catalog.list(tenant, cluster, Cursor.decode(cursor), limit + 1),
                limit,
                b -> b,
                b -> new Cursor(b.startedAt(), b.id()).encode());
    }

    /**
     * Takes the manifest of a backup this agent started: validates it, keeps it as an object beside the packs (so the
     * bucket alone rebuilds the catalog), then records it. Sending the same manifest again is harmless. The body goes
     * to a local file as it arrives and is read from there a batch of references at a time, twice (checked whole
     * before anything is kept, then recorded): a manifest of millions of references never sits in memory.
     */
    public Backup commit(AgentIdentity agent, UUID id, InputStream body) {
        Backup backup = started(agent, id, "commits");
        Path file;
        try {
            file = Files.createTempFile("cairn-manifest-", ".cbm");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            long size;
            BackupManifest.Head manifest;
            try {
                try (OutputStream out = Files.newOutputStream(file)) {
                    size = body.transferTo(out);
                }
                manifest = readWhole(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (IllegalArgumentException e) {
                throw new ProblemException(400, "invalid-manifest", "Invalid manifest", e.getMessage());
            }
            if (!manifest.backupId().equals(id)
                    || !manifest.tenantId().equals(agent.tenantId())
                    || !manifest.clusterId().equals(agent.clusterId())) {
                throw new ProblemException(
                        400,
                        "invalid-manifest",
                        "Invalid manifest",
                        "the manifest names another backup, tenant or agent");
            }
            if (backup.phase() != BackupPhase.InProgress) {
                if (backup.phase() != BackupPhase.Failed && backup.referenceCount() == manifest.referenceCount()) {
                    return backup; // a retry of a commit that went through
                }
                throw new ProblemException(
                        409,
                        "backup-not-in-progress",
                        "Backup not in progress",
                        "backup " + id + " is " + backup.phase() + "; only an InProgress backup takes a manifest"
                                + (backup.failure() == null ? "" : " (" + backup.failure() + ")"));
            }
            String name = "backups/" + id + ".manifest";
            store.put(agent.homeRegion(), agent.tenantId(), name, file);
            faults.pass(FaultPoints.Point.MANIFEST_BEFORE_COMMIT);
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                BackupManifest.Reader reader = BackupManifest.Reader.open(in);
                catalog.commitManifest(
                        reader.head(),
                        () -> reader.next(BackupCatalog.REFERENCE_BATCH),
                        PackStore.key(agent.tenantId(), name),
                        size);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            faults.pass(FaultPoints.Point.MANIFEST_AFTER_COMMIT);
            Backup committed = get(agent.tenantId(), id);
            // one line a backup, in the request's trace: the agent's, whose trace id is the backup's (TraceParent)
            LOG.infof(
                    "backup %s of tenant %s committed: %s, %d bytes of manifest",
                    id, agent.tenantId(), committed.phase(), size);
            return committed;
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.warnf("manifest file %s left behind: %s", file, e.getMessage());
            }
        }
    }

    /** Reads a manifest file through to its end, a batch at a time: its head, once every part of it is checked. */
    private static BackupManifest.Head readWhole(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            BackupManifest.Reader reader = BackupManifest.Reader.open(in);
            while (reader.next(BackupCatalog.REFERENCE_BATCH) != null) {
                // every batch checked as it is read: sorted, unique, the root among them, nothing after the end
            }
            return reader.head();
        }
    }

    /** Fails a backup this agent started ({@code 403 not-your-backup} for another cluster's, even of its tenant). */
    public Backup abort(AgentIdentity agent, UUID id, String reason) {
        Backup backup = started(agent, id, "aborts");
        if (!catalog.fail(agent.tenantId(), id, reason)) {
            throw new ProblemException(
                    409, "backup-not-in-progress", "Backup not in progress", "backup " + id + " is " + backup.phase());
        }
        return get(agent.tenantId(), id);
    }

    /** A backup of the agent's tenant that this agent started; 403 {@code not-your-backup} for another's. */
    private Backup started(AgentIdentity agent, UUID id, String verb) {
        Backup backup = get(agent.tenantId(), id);
        if (!backup.clusterId().equals(agent.clusterId())) {
            throw new ProblemException(
                    403,
                    "not-your-backup",
                    "Not this agent's backup",
                    "only the agent that started a backup " + verb + " it");
        }
        return backup;
    }

    /** Locations of a restorable backup's chunks, with one pre-signed URL per pack; unknown ids are listed apart. */
    public Locations locate(UUID tenant, UUID id, Collection<ChunkId> ids) {
        Backup backup = get(tenant, id);
        if (!backup.phase().restorable()) {
            throw new ProblemException(
                    409,
                    "backup-not-restorable",
                    "Backup not restorable",
                    "backup " + id + " is " + backup.phase() + "; only Completed and PartiallyFailed backups restore");
        }
        List<ChunkLocation> found = catalog.locate(tenant, id, ids);
        String pinned = catalog.pinnedSource(tenant, id).orElse(null);
        Map<UUID, Integer> packIndex = new LinkedHashMap<>();
        List<URI> urls = new ArrayList<>();
        List<Locations.Chunk> chunks = new ArrayList<>();
        Set<ChunkId> located = new HashSet<>();
        Map<String, Long> egress = new TreeMap<>();
        for (ChunkLocation l : found) {
            // the region a recovery pinned (ADR 0018), else the home copy while its region answers, else a copy in a
            // region that does (ADR 0017)
            String region =
                    pinned != null && (pinned.equals(l.region()) || l.copies().contains(pinned)) && health.up(pinned)
                            ? pinned
                            : health.readable(l.region(), l.copies());
            int pack = packIndex.computeIfAbsent(l.packId(), p -> {
                urls.add(signer.presignGet(region, l.objectKey(), config.urlTtl()));
                return urls.size() - 1;
            });
            chunks.add(new Locations.Chunk(l.id().hex(), pack, l.offset(), l.length()));
            located.add(l.id());
            egress.merge(region, (long) l.length(), Long::sum);
        }
        catalog.recordRestored(tenant, backup.clusterId(), id, egress);
        List<String> missing =
                ids.stream().filter(i -> !located.contains(i)).map(ChunkId::hex).toList();
        return new Locations(
                Instant.now().plus(config.urlTtl()),
                urls.stream().map(URI::toString).toList(),
                chunks,
                missing);
    }
}
