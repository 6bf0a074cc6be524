package dev.cairn.agent.backup;

import dev.cairn.agent.credentials.AgentCredentials;
import dev.cairn.agent.fs.DataRegions;
import dev.cairn.agent.platform.PlatformClient;
import dev.cairn.agent.progress.Progress;
import dev.cairn.agent.source.Source;
import dev.cairn.agent.source.SourceEntry;
import dev.cairn.api.agent.backup.BackupPhase;
import dev.cairn.api.agent.backup.BackupView;
import dev.cairn.data.chunk.ChunkId;
import dev.cairn.data.chunk.ChunkSealer;
import dev.cairn.data.chunk.SealedChunk;
import dev.cairn.data.chunking.Chunker;
import dev.cairn.data.chunking.FastCdc;
import dev.cairn.data.manifest.BackupManifest;
import dev.cairn.data.tree.TreeEntry;
import dev.cairn.data.tree.TreePaths;
import dev.cairn.data.tree.TreeWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * One backup of a source. The walking thread reads files (unchanged ones come from the {@link FileCache} without
 * being read), cuts chunks (FastCDC) and computes their keyed ids; chunks not seen before in this run go into
 * batches of at most {@code batchBytes}. Sender threads ask the platform which ids of a batch it lacks, then seal
 * (zstd, AES-256-GCM) and send only those. At most {@code senders + 1} batches are in flight and one fills, each in a
 * buffer reused from batch to batch (no array per chunk: a small heap is not churned through by gigabytes), and the
 * Kafka producer's buffer is bounded, so memory stays flat: a slow platform slows the walk down, it does not fill the
 * heap.
 * The tree (names, metadata, extents) is written as it goes, chunked and sent like data at the end; then the
 * manifest commits the backup, and the run waits until the platform says every chunk is durable.
 */
public final class BackupRun {
    /**
     * Tunables; the defaults fit an agent with a 256 MiB memory limit.
     *
     * @param batchBytes the size of a batch's buffer (at least the largest chunk): at most {@code senders + 2} of
     *     them exist, reused from batch to batch
     * @param batchChunks chunks per batch at most (one missing-query each)
     * @param senders threads that ask, seal and send
     * @param commitWait how long to wait after the commit until every chunk is durable
     */
    public record Options(int batchBytes, int batchChunks, int senders, Duration commitWait) {
        public static Options defaults() {
            return new Options(
                    4 << 20,
                    // small files are a chunk each: one missing-query per 4,096 of them, not per 256
                    4096,
                    Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())),
                    Duration.ofMinutes(15));
        }
    }

    /** What a backup did. */
    public record Result(
            UUID id,
            BackupPhase phase,
            String failure,
            BackupManifest.Statistics statistics,
            List<String> messages,
            long readBytes,
            long cachedFiles,
            Map<String, Double> timings,
            double seconds) {}

    private final AgentCredentials credentials;
    private final PlatformClient platform;
    private final ChunkSink sink;
    private final Path state;
    private final Options options;
    private final Progress progress;
    private final ChunkSealer sealer;
    private final FastCdc cdc = FastCdc.standard();
    private final byte[] buffer;

    private final Set<ChunkId> references = new HashSet<>();
    private final List<String> messages = new ArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicLong files = new AtomicLong();
    private final AtomicLong directories = new AtomicLong();
    private final AtomicLong symlinks = new AtomicLong();
    private final AtomicLong logical = new AtomicLong();
    private final AtomicLong warnings = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong readBytes = new AtomicLong();
    private final AtomicLong cachedFiles = new AtomicLong();
    private ExecutorService senders;
    private Semaphore inFlight;
    private Batch batch;
    private final AtomicBoolean warmedUp = new AtomicBoolean();
    /** Bytes read before {@link ChunkSealer#warmUp()} starts (about what half a second hashes and seals cold). */
    private static final long WARM_UP_AFTER = 16L << 20;
    /** Batch buffers back from their senders, to be filled again (arrays of megabytes made once, not per chunk). */
    private final ConcurrentLinkedDeque<byte[]> buffers = new ConcurrentLinkedDeque<>();

    private UUID backupId;
    /** Seconds spent per stage, in order: where the time of a backup goes. */
    private final Map<String, Double> timings = new LinkedHashMap<>();

    private long mark = System.nanoTime();

    private void lap(String stage) {
        long now = System.nanoTime();
        timings.merge(stage, Math.round((now - mark) / 1e6) / 1000.0, Double::sum);
        mark = now;
    }

    public BackupRun(
            AgentCredentials credentials,
            PlatformClient platform,
            ChunkSink sink,
            Path state,
            Options options,
            Progress progress) {
        this.credentials = credentials;
        this.platform = platform;
        this.sink = sink;
        this.state = state;
        this.options = options;
        this.progress = progress;
        this.sealer = new ChunkSealer(credentials.chunkKeys());
        this.buffer = new byte[cdc.maxSize() * 2];
    }

    /** Backs {@code source} up; the result's phase is the platform's final word (or Failed). */
    public Result run(Source source) throws IOException {
        return run(source, null);
    }

    /**
     * Backs {@code source} up for a command that came in the trace {@code traceparent} (null: none), which the backup's
     * own trace is linked to and sampled as ({@link dev.cairn.agent.platform.BackupTraces}).
     */
    public Result run(Source source, String traceparent) throws IOException {
        Instant started = Instant.now();
        FileCache cache = FileCache.load(state.resolve("cache"), credentials.tenantId(), source.description());
        scanTotals(source);
        BackupView begun = platform.startBackup(source.description(), traceparent);
        backupId = begun.id();
        lap("start");
        senders = Executors.newFixedThreadPool(options.senders(), r -> {
            Thread t = new Thread(r, "cairn-sender");
            t.setDaemon(true);
            return t;
        });
        inFlight = new Semaphore(options.senders() + 1);
        Path work = Files.createDirectories(state.resolve("work"));
        Path treeFile = work.resolve(backupId + ".tree");
        LeaseKeeper lease = new LeaseKeeper(platform, backupId, begun.leaseUntil(), failure);
        try {
            checkCache(cache);
            lap("cache");
            try (OutputStream out = Files.newOutputStream(treeFile);
                    TreeWriter tree = new TreeWriter(out)) {
                source.walk(new Walk(tree, cache));
            }
            lap("walk");
            checkFailure();
            progress.stage("sending the file tree");
            List<ChunkId> root = new ArrayList<>();
            try (InputStream in = Files.newInputStream(treeFile)) {
                Chunker chunker = new Chunker(cdc, in, buffer);
                for (Chunker.Chunk c = chunker.next(); c != null; c = chunker.next()) {
                    ChunkId id = sealer.id(c.data(), c.offset(), c.length());
                    root.add(id);
                    accept(id, c.data(), c.offset(), c.length());
                }
            }
            submit();
            inFlight.acquire(options.senders() + 1);
            inFlight.release(options.senders() + 1);
            checkFailure();
            sink.flush();
            lap("tree and flush");

            // what the sending needed goes before the manifest is encoded (a chunk id per small file adds up: the
            // 96 MiB heap ran out here at 200,000 files)
            senders.shutdown();
            buffers.clear();
            List<ChunkId> sorted = new ArrayList<>(references);
            references.clear();
            sorted.sort(null);
            BackupManifest.Statistics stats = statistics();
            BackupManifest manifest = new BackupManifest(
                    backupId,
                    credentials.tenantId(),
                    credentials.clusterId(),
                    source.description(),
                    started,
                    Instant.now(),
                    stats,
                    messages,
                    root,
                    sorted);
            progress.stage("committing");
            BackupPhase phase =
                    platform.commitBackup(backupId, manifest.encode()).phase();
            lease.close(); // committed: no longer in progress, nothing to hold
            lap("commit");
            Instant deadline = Instant.now().plus(options.commitWait());
            progress.stage("waiting until every chunk is durable");
            while (phase == BackupPhase.Committing && Instant.now().isBefore(deadline)) {
                Thread.sleep(250);
                phase = platform.backup(backupId).phase();
            }
            progress.stage("");
            lap("durable");
            if (phase.restorable()) {
                cache.replaceWith(treeFile);
            }
            return new Result(
                    backupId,
                    phase,
                    phase == BackupPhase.Committing
                            ? "not durable after " + options.commitWait().toMinutes()
                                    + " min; the platform completes it when ingest catches up"
                            : null,
                    stats,
                    List.copyOf(messages),
                    readBytes.get(),
                    cachedFiles.get(),
                    java.util.Collections.unmodifiableMap(new LinkedHashMap<>(timings)),
                    progress.seconds());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed("interrupted");
        } catch (RuntimeException | IOException e) {
            Throwable cause = failure.get() != null ? failure.get() : e;
            return failed(cause.getMessage() == null ? cause.toString() : cause.getMessage());
        } finally {
            lease.close();
            cache.close();
            senders.shutdownNow();
            Files.deleteIfExists(treeFile);
            platform.traces().forget(backupId);
        }
    }

    /**
     * Asks the platform about every chunk the file cache names, 10,000 ids at a time, {@link #CACHE_QUERIES} queries
     * in flight (the agent reads the next ids while the platform answers); files whose chunks it no longer has count
     * as changed. Asked only once this backup is in progress: the platform's garbage collection keeps what it
     * answered "present" to a backup in progress (docs/adr/0015, 0024).
     */
    private void checkCache(FileCache cache) {
        if (!cache.present()) {
            return;
        }
        progress.stage("checking the file cache");
        Semaphore asking = new Semaphore(CACHE_QUERIES);
        List<CompletableFuture<Void>> queries = new ArrayList<>();
        List<List<ChunkId>> batch = new ArrayList<>(List.of(new ArrayList<>()));
        Consumer<List<ChunkId>> ask = ids -> {
            asking.acquireUninterruptibly();
            queries.add(CompletableFuture.runAsync(
                    () -> {
                        try {
                            cache.forget(platform.missing(ids));
                        } finally {
                            asking.release();
                        }
                    },
                    senders));
        };
        cache.forEachId(id -> {
            batch.getFirst().add(id);
            if (batch.getFirst().size() == 10_000) {
                ask.accept(batch.set(0, new ArrayList<>()));
            }
        });
        if (!batch.getFirst().isEmpty()) {
            ask.accept(batch.getFirst());
        }
        try {
            CompletableFuture.allOf(queries.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        progress.stage("");
    }

    /** Missing-queries about the file cache in flight at once. */
    private static final int CACHE_QUERIES = 2;

    /** Counts files and bytes in the background, so that progress can show totals and an ETA. */
    private void scanTotals(Source source) {
        Thread scan = new Thread(
                () -> {
                    long[] counted = {0, 0};
                    try {
                        source.walk(new Source.Visitor() {
                            @Override
                            public void entry(SourceEntry e) {
                                if (e.type() == TreeEntry.Type.FILE) {
                                    counted[0]++;
                                    counted[1] += e.size();
                                }
                            }

                            @Override
                            public void warning(byte[] path, String message) {}

                            @Override
                            public void error(byte[] path, String message) {}
                        });
                        progress.totalFiles.set(counted[0]);
                        progress.totalBytes.set(counted[1]);
                    } catch (IOException | RuntimeException e) {
                        // progress without totals
                    }
                },
                "cairn-scan");
        scan.setDaemon(true);
        scan.start();
    }

    private Result failed(String reason) {
        try {
            platform.abortBackup(backupId, reason);
        } catch (RuntimeException ignored) {
            // the platform may be what failed; the backup then stays InProgress and is never restorable
        }
        return new Result(
                backupId,
                BackupPhase.Failed,
                reason,
                statistics(),
                List.copyOf(messages),
                readBytes.get(),
                cachedFiles.get(),
                java.util.Collections.unmodifiableMap(new LinkedHashMap<>(timings)),
                progress.seconds());
    }

    private BackupManifest.Statistics statistics() {
        return new BackupManifest.Statistics(
                files.get(),
                directories.get(),
                symlinks.get(),
                logical.get(),
                progress.newBytes.get(),
                progress.sentBytes.get(),
                warnings.get(),
                errors.get());
    }

    private void checkFailure() {
        Throwable t = failure.get();
        if (t != null) {
            throw new IllegalStateException(t.getMessage() == null ? t.toString() : t.getMessage(), t);
        }
    }

    /** Reads entries, writes the tree. */
    private final class Walk implements Source.Visitor {
        private final TreeWriter tree;
        private final FileCache cache;

        Walk(TreeWriter tree, FileCache cache) {
            this.tree = tree;
            this.cache = cache;
        }

        @Override
        public void entry(SourceEntry e) throws IOException {
            checkFailure();
            switch (e.type()) {
                case DIRECTORY -> {
                    tree.write(entry(e, List.of()));
                    directories.incrementAndGet();
                }
                case SYMLINK -> {
                    tree.write(entry(e, List.of()));
                    symlinks.incrementAndGet();
                }
                case FIFO, CHARACTER_DEVICE, BLOCK_DEVICE -> {
                    // recorded as they are, without content: counted with the files (statistics v1 has no column)
                    tree.write(entry(e, List.of()));
                    files.incrementAndGet();
                    progress.files.incrementAndGet();
                }
                case FILE -> file(e);
            }
        }

        private void file(SourceEntry e) throws IOException {
            TreeEntry cached = cache.unchanged(e);
            List<TreeEntry.Extent> extents;
            if (cached != null) {
                extents = cached.extents();
                extents.forEach(x -> references.add(x.id()));
                cachedFiles.incrementAndGet();
                progress.bytes.addAndGet(e.size());
            } else {
                extents = new ArrayList<>();
                try {
                    long read = 0;
                    long expected = 0;
                    for (DataRegions.Region region : e.content().regions()) {
                        expected += region.length();
                        try (InputStream in = e.content().open(region)) {
                            Chunker chunker = new Chunker(cdc, in, buffer);
                            for (Chunker.Chunk c = chunker.next(); c != null; c = chunker.next()) {
                                ChunkId id = sealer.id(c.data(), c.offset(), c.length());
                                extents.add(new TreeEntry.Extent(region.start() + c.position(), c.length(), id));
                                accept(id, c.data(), c.offset(), c.length());
                                read += c.length();
                                if (readBytes.addAndGet(c.length()) > WARM_UP_AFTER
                                        && warmedUp.compareAndSet(false, true)) {
                                    // more to hash and seal than a cold JVM does in the time a warm-up takes:
                                    // get SHA-256 and AES-GCM compiled meanwhile (a no-op does not pay for it)
                                    ChunkSealer.warmUpInBackground();
                                }
                                progress.bytes.addAndGet(c.length());
                            }
                        }
                    }
                    progress.bytes.addAndGet(e.size() - read);
                    if (read != expected || e.content().changedSinceWalk()) {
                        warning(e.path(), "changed while being read; stored as read");
                    }
                } catch (NoSuchFileException x) {
                    warning(e.path(), "vanished before it was read");
                    return;
                } catch (IOException x) {
                    error(e.path(), "cannot read: " + x.getMessage());
                    return;
                }
            }
            tree.write(entry(e, extents));
            files.incrementAndGet();
            progress.files.incrementAndGet();
            logical.addAndGet(e.size());
        }

        private TreeEntry entry(SourceEntry e, List<TreeEntry.Extent> extents) {
            return new TreeEntry(
                    e.type(),
                    e.path(),
                    e.mode(),
                    e.uid(),
                    e.gid(),
                    e.mtimeSeconds(),
                    e.mtimeNanos(),
                    e.size(),
                    e.inode(),
                    e.ctimeNanos(),
                    extents,
                    e.target(),
                    e.device());
        }

        @Override
        public void warning(byte[] path, String message) {
            warnings.incrementAndGet();
            note("warning: " + TreePaths.display(path) + ": " + message);
        }

        @Override
        public void error(byte[] path, String message) {
            errors.incrementAndGet();
            note("error: " + TreePaths.display(path) + ": " + message);
        }
    }

    private synchronized void note(String message) {
        if (messages.size() < BackupManifest.MAX_MESSAGES) {
            messages.add(message);
        }
    }

    /** A chunk met by the walk: sent (if the platform lacks it) unless this run met it already. */
    private void accept(ChunkId id, byte[] data, int offset, int length) {
        if (!references.add(id)) {
            return;
        }
        if (batch != null && batch.bytes + length > options.batchBytes()) {
            submit();
        }
        if (batch == null) {
            byte[] buffer = buffers.pollFirst();
            if (buffer == null) {
                if (length > options.batchBytes()) {
                    throw new IllegalStateException("a chunk of " + length + " bytes exceeds the batch size");
                }
                // grown as chunks come (to batchBytes at most): a batch of small files' chunks stays small
                buffer = new byte[Math.min(options.batchBytes(), Math.max(length, 256 * 1024))];
            }
            batch = new Batch(buffer, options.batchBytes());
        }
        batch.add(id, data, offset, length);
        if (batch.ids.size() >= options.batchChunks()) {
            submit();
        }
    }

    private void submit() {
        if (batch == null) {
            return;
        }
        Batch full = batch;
        batch = null;
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
        senders.execute(() -> {
            try {
                send(full);
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            } finally {
                buffers.offerFirst(full.data);
                inFlight.release();
            }
        });
    }

    private void send(Batch b) {
        if (failure.get() != null) {
            return;
        }
        Set<ChunkId> missing = new HashSet<>(platform.missing(b.ids));
        int offset = 0;
        for (int i = 0; i < b.ids.size(); i++) {
            int length = b.lengths.get(i);
            if (missing.contains(b.ids.get(i))) {
                SealedChunk sealed = sealer.seal(b.ids.get(i), b.data, offset, length);
                sink.send(backupId, sealed);
                progress.newBytes.addAndGet(length);
                progress.sentBytes.addAndGet(sealed.envelope().length);
            }
            offset += length;
        }
    }

    /** Chunks waiting for the missing-query, one after another in a reused buffer. */
    private static final class Batch {
        byte[] data;
        final List<ChunkId> ids = new ArrayList<>();
        final List<Integer> lengths = new ArrayList<>();
        int bytes;

        private final int maxBytes;

        Batch(byte[] data, int maxBytes) {
            this.data = data;
            this.maxBytes = maxBytes;
        }

        void add(ChunkId id, byte[] chunk, int offset, int length) {
            if (bytes + length > data.length) {
                data = Arrays.copyOf(data, Math.max(bytes + length, Math.min(2 * data.length, maxBytes)));
            }
            System.arraycopy(chunk, offset, data, bytes, length);
            ids.add(id);
            lengths.add(length);
            bytes += length;
        }
    }
}
