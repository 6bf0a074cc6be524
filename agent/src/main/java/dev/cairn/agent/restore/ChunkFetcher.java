package dev.cairn.agent.restore;

import dev.cairn.agent.platform.PlatformClient;
import dev.cairn.api.agent.backup.Locations;
import dev.cairn.data.chunk.ChunkId;
import dev.cairn.data.chunk.ChunkIntegrityException;
import dev.cairn.data.chunk.ChunkSealer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Fetches chunks of a backup from object storage: asks the platform where they are (pre-signed pack URLs, 10,000 ids
 * at a time so the URLs are fresh), merges neighbouring chunks of a pack into one ranged GET, and opens each envelope
 * (decrypts, decompresses, recomputes the id). Ranges are fetched by {@code threads} threads.
 */
final class ChunkFetcher {
    private static final long MAX_GAP = 1 << 20;
    private static final long MAX_RANGE = 32L << 20;

    /** Receives chunks; called from fetching threads. */
    interface Handler {
        void chunk(ChunkId id, byte[] plaintext) throws IOException;

        /** The envelope did not open or its id did not match. */
        void damaged(ChunkId id, String reason);

        /** The platform does not know where the chunk is. */
        void missing(ChunkId id);
    }

    /**
     * A handler for reads that must get every chunk: it notes each damaged or missing one, and {@link #check} then
     * fails naming them all.
     */
    abstract static class AllOrNothing implements Handler {
        private final String what;
        private final List<String> problems = new ArrayList<>();

        /** @param what how the chunks are named in the failure ("chunk", "tree chunk") */
        AllOrNothing(String what) {
            this.what = what;
        }

        @Override
        public synchronized void damaged(ChunkId id, String reason) {
            problems.add(what + " " + id + " is damaged: " + reason);
        }

        @Override
        public synchronized void missing(ChunkId id) {
            problems.add(what + " " + id + " is missing");
        }

        /** Throws {@code failure: problem; problem…} when a chunk was damaged or missing. */
        synchronized void check(String failure) throws IOException {
            if (!problems.isEmpty()) {
                throw new IOException(failure + ": " + String.join("; ", problems));
            }
        }
    }

    private record Located(ChunkId id, long offset, int length) {}

    private record Range(String url, long start, long end, List<Located> chunks) {}

    private final PlatformClient platform;
    private final ChunkSealer sealer;
    private final int threads;

    ChunkFetcher(PlatformClient platform, ChunkSealer sealer, int threads) {
        this.platform = platform;
        this.sealer = sealer;
        this.threads = threads;
    }

    void fetch(UUID backup, List<ChunkId> ids, Handler handler) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "cairn-fetch");
            t.setDaemon(true);
            return t;
        });
        try {
            for (int from = 0; from < ids.size(); from += 10_000) {
                List<ChunkId> batch = ids.subList(from, Math.min(ids.size(), from + 10_000));
                Locations answer = platform.locations(backup, batch);
                answer.missing().forEach(m -> handler.missing(ChunkId.parse(m)));
                List<String> urls = answer.packs();
                List<List<Located>> byPack = new ArrayList<>();
                urls.forEach(u -> byPack.add(new ArrayList<>()));
                for (Locations.Chunk c : answer.chunks()) {
                    byPack.get(c.pack()).add(new Located(ChunkId.parse(c.id()), c.offset(), c.length()));
                }
                List<Future<?>> work = new ArrayList<>();
                for (int p = 0; p < urls.size(); p++) {
                    for (Range range : ranges(urls.get(p), byPack.get(p))) {
                        work.add(pool.submit(() -> {
                            read(range, handler);
                            return null;
                        }));
                    }
                }
                for (Future<?> f : work) {
                    try {
                        f.get();
                    } catch (java.util.concurrent.ExecutionException e) {
                        Throwable cause = e.getCause();
                        if (cause instanceof IOException io) {
                            throw io;
                        }
                        if (cause instanceof RuntimeException re) {
                            throw re;
                        }
                        throw new IOException(cause);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted");
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Range> ranges(String url, List<Located> chunks) {
        chunks.sort(Comparator.comparingLong(Located::offset));
        List<Range> ranges = new ArrayList<>();
        List<Located> current = new ArrayList<>();
        long start = -1;
        long end = -1;
        for (Located c : chunks) {
            if (start >= 0 && (c.offset() - end > MAX_GAP || c.offset() + c.length() - start > MAX_RANGE)) {
                ranges.add(new Range(url, start, end, current));
                current = new ArrayList<>();
                start = -1;
            }
            if (start < 0) {
                start = c.offset();
            }
            current.add(c);
            end = Math.max(end, c.offset() + c.length());
        }
        if (start >= 0) {
            ranges.add(new Range(url, start, end, current));
        }
        return ranges;
    }

    private void read(Range range, Handler handler) throws IOException {
        try (InputStream in = platform.range(range.url(), range.start(), range.end() - range.start())) {
            long position = range.start();
            for (Located c : range.chunks()) {
                if (c.offset() < position) {
                    throw new IOException("overlapping chunks in a pack");
                }
                in.skipNBytes(c.offset() - position);
                byte[] envelope = in.readNBytes(c.length());
                position = c.offset() + envelope.length;
                if (envelope.length != c.length()) {
                    handler.damaged(c.id(), "the pack ends inside the chunk");
                    continue;
                }
                byte[] plain;
                try {
                    plain = sealer.open(envelope, c.id());
                } catch (ChunkIntegrityException e) {
                    handler.damaged(c.id(), e.getMessage());
                    continue;
                }
                handler.chunk(c.id(), plain);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
