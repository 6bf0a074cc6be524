package dev.cairn.data.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.cairn.data.chunk.ChunkId;
import dev.cairn.data.chunk.ChunkIntegrityException;
import dev.cairn.data.chunk.ChunkSealer;
import dev.cairn.data.chunk.SealedChunk;
import dev.cairn.data.manifest.BackupManifest;
import dev.cairn.data.record.ChunkBundleV2;
import dev.cairn.data.record.PackReferenceV3;
import dev.cairn.data.tree.TreeEntry;
import dev.cairn.data.tree.TreePaths;
import dev.cairn.data.tree.TreeReader;
import dev.cairn.data.tree.TreeWriter;
import dev.cairn.data.tree.UnsafePathException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Mutation fuzzing of every decoder that reads what an agent wrote, whoever else reads it later: file trees and
 * manifests (read by restores, verifies and the file browser), chunk envelopes, bundles (v2) and pack references (v3)
 * (read by ingest). Stored examples and generated valid inputs are mutated (bit flips, bytes set to boundary values,
 * 32- and 64-bit fields overwritten with extremes, truncation, insertion, splices) and decoded in full: the only
 * outcome besides success is the decoder's own clean error ({@link IllegalArgumentException} for formats, {@link
 * ChunkIntegrityException} for envelopes) — never an overflow, an allocation for a claimed size, an out-of-bounds
 * index or a null. Seeded: {@code -Dcairn.fuzz.seed=N} and {@code -Dcairn.fuzz.runs=N} repeat or extend a run (a
 * failure names its seed, run and input). Written without jqwik: see docs/adr/0026.
 */
class DecoderFuzzTest {
    private static final long SEED = Long.getLong("cairn.fuzz.seed", 20261203L);
    private static final int RUNS = Integer.getInteger("cairn.fuzz.runs", 4000);

    private static final int[] INTS = {
        0,
        1,
        -1,
        0x7f,
        0x80,
        0xff,
        0x7fff,
        0xffff,
        Integer.MAX_VALUE,
        Integer.MIN_VALUE,
        ChunkSealer.MAX_PLAIN_LENGTH + 1,
        TreePaths.MAX_LENGTH + 1,
        TreeReader.MAX_EXTENTS
    };
    private static final long[] LONGS = {
        0, -1, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE - 1, 1L << 50, (1L << 50) + 1, Integer.MAX_VALUE + 1L
    };

    @Test
    void aCraftedFileTreeFailsCleanly() throws IOException {
        List<byte[]> seeds = List.of(V2Examples.resource("/v1/tree.bin"), generatedTree(new Random(SEED)));
        fuzz("tree", seeds, bytes -> {
            try (TreeReader reader = new TreeReader(new ByteArrayInputStream(bytes))) {
                for (TreeEntry e = reader.next(); e != null; e = reader.next()) {
                    TreePaths.checkSafe(e.path());
                    e.displayPath();
                    // what a restore relies on of a decoded entry: a mode without type bits, a sane size,
                    // extents inside it whose ends are no overflow, chunks no longer than the chunker makes
                    assertThat(e.mode() & ~07777).as("mode").isZero();
                    assertThat(e.size()).as("size").isBetween(0L, TreeReader.MAX_FILE_SIZE);
                    for (TreeEntry.Extent x : e.extents()) {
                        assertThat(x.offset()).as("offset").isNotNegative();
                        assertThat(x.length()).as("length").isBetween(1, ChunkSealer.MAX_PLAIN_LENGTH);
                        assertThat(Math.addExact(x.offset(), x.length())).isLessThanOrEqualTo(e.size());
                    }
                }
            } catch (IOException e) {
                throw new AssertionError("a tree in memory cannot fail to be read", e);
            } catch (UnsafePathException e) {
                // the restore's own refusal of a path, as clean as a format error
            }
        });
    }

    @Test
    void aCraftedManifestFailsCleanly() throws IOException {
        fuzz("manifest", List.of(V2Examples.resource("/v1/manifest.bin")), bytes -> {
            BackupManifest m = BackupManifest.decode(new ByteArrayInputStream(bytes));
            assertThat(m.references()).isNotNull();
        });
    }

    @Test
    void aCraftedEnvelopeFailsAsAnIntegrityError() throws IOException {
        ChunkSealer sealer = new ChunkSealer(V1Examples.keys());
        byte[] data = new byte[20_000];
        new Random(SEED).nextBytes(data);
        java.util.Arrays.fill(data, 10_000, data.length, (byte) 'a');
        // one id for both: the compressible half alone, and the whole chunk (stored raw) under the same id
        ChunkId id = sealer.id(data, 10_000, 10_000);
        SealedChunk zstd = sealer.seal(id, data, 10_000, 10_000);
        SealedChunk raw = sealer.seal(id, data, 0, 100);
        assertThat(zstd.compressed()).isTrue();
        fuzzWith(
                "envelope",
                List.of(zstd.envelope()),
                ChunkIntegrityException.class,
                bytes -> sealer.open(bytes, id),
                List.of(raw.envelope()));
    }

    @Test
    void aCraftedBundleOrPackReferenceFailsCleanly() throws IOException {
        fuzz("bundle", List.of(V2Examples.resource("/v2/bundle.bin")), ChunkBundleV2::decode);
        fuzz("pack reference", List.of(V2Examples.resource("/v3/pack-reference.bin")), PackReferenceV3::decode);
    }

    private static void fuzz(String what, List<byte[]> seeds, Consumer<byte[]> decode) {
        fuzzWith(what, seeds, IllegalArgumentException.class, decode, List.of());
    }

    /**
     * Decodes {@link #RUNS} mutations of {@code seeds} (which decode as they are) and of {@code spliced} (other valid
     * inputs, which may not decode in this context but lend their bytes).
     */
    private static void fuzzWith(
            String what,
            List<byte[]> seeds,
            Class<? extends RuntimeException> clean,
            Consumer<byte[]> decode,
            List<byte[]> spliced) {
        for (byte[] seed : seeds) {
            decode.accept(seed); // the unmutated input decodes
        }
        List<byte[]> all = new ArrayList<>(seeds);
        all.addAll(spliced);
        Random random = new Random(SEED ^ what.hashCode());
        int refused = 0;
        for (int run = 0; run < RUNS; run++) {
            byte[] input = mutate(all.get(random.nextInt(all.size())), all, random);
            try {
                decode.accept(input);
            } catch (RuntimeException e) {
                if (!clean.isInstance(e)) {
                    fail(
                            what + " run " + run + " (seed " + SEED + ") failed with " + e + " on "
                                    + HexFormat.of().formatHex(input, 0, Math.min(input.length, 512)),
                            e);
                }
                assertThat(e.getMessage())
                        .as("a clean error says what is wrong")
                        .isNotBlank();
                refused++;
            } catch (OutOfMemoryError | StackOverflowError e) {
                fail(what + " run " + run + " (seed " + SEED + "): " + e, e);
            }
        }
        assertThat(refused).as("the mutations reach the decoder's checks").isPositive();
    }

    /** One to four mutations of a valid input. */
    static byte[] mutate(byte[] valid, List<byte[]> others, Random random) {
        byte[] b = valid.clone();
        for (int n = 1 + random.nextInt(4); n > 0; n--) {
            if (b.length == 0) {
                return new byte[] {(byte) random.nextInt()};
            }
            int at = random.nextInt(b.length);
            switch (random.nextInt(7)) {
                case 0 -> b[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> b[at] = (byte) INTS[random.nextInt(INTS.length)];
                case 2 -> {
                    if (at + 4 <= b.length) {
                        ByteBuffer.wrap(b, at, 4).putInt(INTS[random.nextInt(INTS.length)]);
                    }
                }
                case 3 -> {
                    if (at + 8 <= b.length) {
                        ByteBuffer.wrap(b, at, 8).putLong(LONGS[random.nextInt(LONGS.length)]);
                    }
                }
                case 4 -> b = java.util.Arrays.copyOf(b, at);
                case 5 -> {
                    byte[] inserted = new byte[1 + random.nextInt(16)];
                    random.nextBytes(inserted);
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    out.write(b, 0, at);
                    out.writeBytes(inserted);
                    out.write(b, at, b.length - at);
                    b = out.toByteArray();
                }
                default -> {
                    // a splice: this input's head, another's tail
                    byte[] other = others.get(random.nextInt(others.size()));
                    int from = random.nextInt(other.length);
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    out.write(b, 0, at);
                    out.write(other, from, other.length - from);
                    b = out.toByteArray();
                }
            }
        }
        return b;
    }

    /** A valid tree with directories, files (extents and holes) and symlinks. */
    private static byte[] generatedTree(Random random) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TreeWriter w = new TreeWriter(out)) {
            w.write(entry(TreeEntry.Type.DIRECTORY, "d", 0, List.of(), new byte[0]));
            for (int i = 0; i < 6; i++) {
                List<TreeEntry.Extent> extents = new ArrayList<>();
                long offset = 0;
                for (int x = 0; x < 1 + random.nextInt(3); x++) {
                    offset += random.nextInt(3) * 4096L; // holes between some extents
                    int length = 1 + random.nextInt(1 << 20);
                    byte[] id = new byte[ChunkId.LENGTH];
                    random.nextBytes(id);
                    extents.add(new TreeEntry.Extent(offset, length, ChunkId.of(id)));
                    offset += length;
                }
                w.write(entry(TreeEntry.Type.FILE, "d/f" + i, offset + random.nextInt(2) * 512L, extents, new byte[0]));
            }
            w.write(entry(TreeEntry.Type.SYMLINK, "d/l", 0, List.of(), "../f0".getBytes()));
        }
        return out.toByteArray();
    }

    private static TreeEntry entry(
            TreeEntry.Type type, String path, long size, List<TreeEntry.Extent> extents, byte[] target) {
        return new TreeEntry(type, path.getBytes(), 0644, 1000, 1000, 1_700_000_000L, 5, size, 7, 9, extents, target);
    }
}
