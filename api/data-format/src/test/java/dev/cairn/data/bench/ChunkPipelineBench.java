package dev.cairn.data.bench;

import dev.cairn.data.chunk.ChunkKeys;
import dev.cairn.data.chunk.ChunkSealer;
import dev.cairn.data.chunk.SealedChunk;
import dev.cairn.data.chunking.Chunker;
import dev.cairn.data.chunking.FastCdc;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Throughput of the agent's chunk pipeline on one core, against a baseline in the same process: plain SHA-256 over
 * the same bytes (the cost every content-addressed backup tool pays). Not a test: run {@code bench/chunk-pipeline.sh}.
 *
 * <p>Data: half random bytes (incompressible), half log-like text (compressible), 256 MiB by default.
 */
public final class ChunkPipelineBench {
    private ChunkPipelineBench() {}

    public static void main(String[] args) throws Exception {
        int mib = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        byte[] data = dataset(mib);
        ChunkKeys keys = new ChunkKeys(UUID.randomUUID(), new byte[32], new byte[32]);
        System.out.printf(
                "dataset: %d MiB (half random, half log text), JDK %s%n", mib, System.getProperty("java.version"));
        if (args.length > 1 && args[1].equals("warm-up")) {
            long start = System.nanoTime();
            ChunkSealer.warmUp();
            System.out.printf("%-40s %8.0f ms%n", "ChunkSealer.warmUp()", (System.nanoTime() - start) / 1e6);
        }
        for (int round = 0; round < 3; round++) {
            boolean last = round == 2;
            double sha = mbps(data.length, () -> sha256(data));
            double cdc = mbps(data.length, () -> cdcOnly(data));
            long[] stored = new long[1];
            List<SealedChunk> sealed = new ArrayList<>();
            double pipeline = mbps(data.length, () -> stored[0] = pipeline(data, keys, sealed));
            double open = mbps(data.length, () -> open(sealed, keys));
            if (round == 0) {
                // a fresh JVM's first pass: what an agent's first gigabytes run at (code not yet compiled)
                System.out.printf(
                        "%-40s %8.0f MB/s  open %.0f MB/s  (SHA-256 %.0f MB/s)%n",
                        "first pass, cold JVM: seal", pipeline, open, sha);
            }
            if (last) {
                System.out.printf("%-40s %8.0f MB/s%n", "baseline: SHA-256 only", sha);
                System.out.printf("%-40s %8.0f MB/s%n", "FastCDC only", cdc);
                System.out.printf(
                        "%-40s %8.0f MB/s  (%.2fx the baseline)%n",
                        "FastCDC + HMAC id + zstd + AES-GCM", pipeline, pipeline / sha);
                System.out.printf("%-40s %8.0f MB/s%n", "open (decrypt + zstd + id check)", open);
                System.out.printf("%-40s %8.3f of the input%n", "sealed size", (double) stored[0] / data.length);
            }
        }
    }

    private static byte[] dataset(int mib) {
        byte[] data = new byte[mib * 1024 * 1024];
        Random random = new Random(42);
        int half = data.length / 2;
        byte[] noise = new byte[half];
        random.nextBytes(noise);
        System.arraycopy(noise, 0, data, 0, half);
        StringBuilder text = new StringBuilder();
        int i = 0;
        while (text.length() < data.length - half) {
            text.append("2026-11-27T04:")
                    .append(i % 60)
                    .append(':')
                    .append(i % 61)
                    .append(" INFO http request id=")
                    .append(random.nextInt(1_000_000))
                    .append(" path=/api/v1/items/")
                    .append(random.nextInt(5000))
                    .append(" status=200 ms=")
                    .append(random.nextInt(300))
                    .append('\n');
            i++;
        }
        byte[] textBytes = text.toString().getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(textBytes, 0, data, half, data.length - half);
        return data;
    }

    private interface Work {
        void run() throws Exception;
    }

    private static double mbps(long bytes, Work work) throws Exception {
        long start = System.nanoTime();
        work.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        return bytes / 1e6 / seconds;
    }

    private static void sha256(byte[] data) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (int offset = 0; offset < data.length; offset += 1 << 20) {
            sha.update(data, offset, Math.min(1 << 20, data.length - offset));
        }
        sha.digest();
    }

    private static void cdcOnly(byte[] data) throws Exception {
        Chunker chunker = new Chunker(FastCdc.standard(), new ByteArrayInputStream(data));
        while (chunker.next() != null) {
            // cut points only
        }
    }

    private static void open(List<SealedChunk> sealed, ChunkKeys keys) {
        ChunkSealer sealer = new ChunkSealer(keys);
        for (SealedChunk chunk : sealed) {
            sealer.open(chunk.envelope(), chunk.id());
        }
    }

    private static long pipeline(byte[] data, ChunkKeys keys, List<SealedChunk> out) throws Exception {
        ChunkSealer sealer = new ChunkSealer(keys);
        Chunker chunker = new Chunker(FastCdc.standard(), new ByteArrayInputStream(data));
        long stored = 0;
        for (Chunker.Chunk c = chunker.next(); c != null; c = chunker.next()) {
            SealedChunk sealed = sealer.seal(c.data(), c.offset(), c.length());
            stored += sealed.envelope().length;
            out.add(sealed);
        }
        return stored;
    }
}
