package dev.cairn.data.examples;

import dev.cairn.data.chunk.ChunkId;
import dev.cairn.data.chunk.ChunkKeys;
import dev.cairn.data.chunk.ChunkSealer;
import dev.cairn.data.chunk.SealedChunk;
import dev.cairn.data.chunking.FastCdc;
import dev.cairn.data.manifest.BackupManifest;
import dev.cairn.data.record.ChunkRecordV1;
import dev.cairn.data.record.RecordAuthenticator;
import dev.cairn.data.tree.TreeEntry;
import dev.cairn.data.tree.TreeWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

/**
 * The inputs of the stored v1 examples in {@code src/test/resources/v1/} (fixed keys, ids, a seeded input), and the
 * program that wrote them once. {@link StoredV1ExamplesTest} decodes the stored bytes; it never writes them, so that
 * a change to a format, a field order or the FastCDC gear table fails instead of quietly producing new examples.
 *
 * <p>Write them again only for a new format version, into a new folder ({@code v2/}), keeping {@code v1/}:
 * {@code ./mvnw -q test-compile dependency:build-classpath -pl api/data-format -Dmdep.outputFile=target/test.classpath},
 * then in {@code api/data-format}: {@code java -cp target/test-classes:target/classes:$(cat target/test.classpath)
 * dev.cairn.data.examples.V1Examples src/test/resources/v2}.
 */
public final class V1Examples {
    static final UUID TENANT = UUID.fromString("7e4a1c2b-0000-4000-8000-00000000000a");
    static final UUID AGENT = UUID.fromString("c1a57e20-0000-4000-8000-00000000000b");
    static final UUID BACKUP = UUID.fromString("bac0b0b0-0000-4000-8000-00000000000c");
    static final Instant STARTED = Instant.parse("2026-12-02T01:00:00.123Z");
    static final Instant FINISHED = Instant.parse("2026-12-02T01:02:03.456Z");

    /** The test keys: never a real tenant's (bytes 0..31, 32..63 and 64..95). */
    static ChunkKeys keys() {
        return new ChunkKeys(TENANT, bytes(0, 32), bytes(32, 32));
    }

    static byte[] macKey() {
        return bytes(64, 32);
    }

    /** A chunk that compresses (text) and one that does not (seeded noise): the envelope's two paths. */
    static byte[] compressibleChunk() {
        return "Cairn stored example v1: a chunk of text that zstd shrinks. "
                .repeat(200)
                .getBytes(StandardCharsets.UTF_8);
    }

    static byte[] incompressibleChunk() {
        return seeded(7, 4096);
    }

    /** The seeded FastCDC input: 3 MiB of noise, 2 MiB of repeated text, 4 MiB of noise (SplitMix64, seed 42). */
    static byte[] fastCdcInput() {
        byte[] text = "a line of a log file that repeats itself, as logs do\n"
                .repeat(40_000)
                .getBytes(StandardCharsets.US_ASCII);
        byte[] input = new byte[(3 << 20) + (2 << 20) + (4 << 20)];
        System.arraycopy(seeded(42, 3 << 20), 0, input, 0, 3 << 20);
        System.arraycopy(text, 0, input, 3 << 20, 2 << 20);
        System.arraycopy(seeded(43, 4 << 20), 0, input, 5 << 20, 4 << 20);
        return input;
    }

    /** Where FastCDC (standard sizes) cuts {@code input}: the end offset of each chunk. */
    static List<Integer> cuts(byte[] input) {
        FastCdc cdc = FastCdc.standard();
        List<Integer> cuts = new ArrayList<>();
        int offset = 0;
        while (offset < input.length) {
            offset += cdc.cut(input, offset, input.length - offset);
            cuts.add(offset);
        }
        return cuts;
    }

    /** A directory, a 5 GiB sparse file with a name that is not UTF-8, a symlink, an empty file (v1 keeps size,
     * inode and change time for files only). */
    static List<TreeEntry> treeEntries(ChunkId a, ChunkId b) {
        byte[] notUtf8 = {'d', 'o', 'c', 's', '/', 'r', (byte) 0xe9, 's', 'u', 'm', (byte) 0xe9, (byte) 0xff};
        return List.of(
                new TreeEntry(
                        TreeEntry.Type.DIRECTORY,
                        "docs".getBytes(StandardCharsets.UTF_8),
                        0755,
                        1000,
                        1000,
                        1_764_633_600L,
                        5,
                        0,
                        0,
                        0,
                        List.of(),
                        new byte[0]),
                new TreeEntry(
                        TreeEntry.Type.FILE,
                        notUtf8,
                        0640,
                        1000,
                        100,
                        1_764_633_601L,
                        999_999_999,
                        (5L << 30) + 12_000,
                        12,
                        1_764_633_601_000_000_456L,
                        List.of(new TreeEntry.Extent(0, 12_000, a), new TreeEntry.Extent(5L << 30, 4096, b)),
                        new byte[0]),
                new TreeEntry(
                        TreeEntry.Type.SYMLINK,
                        "docs/latest".getBytes(StandardCharsets.UTF_8),
                        0777,
                        0,
                        0,
                        1_764_633_602L,
                        0,
                        0,
                        0,
                        0,
                        List.of(),
                        "r\u00e9sum\u00e9".getBytes(StandardCharsets.ISO_8859_1)),
                new TreeEntry(
                        TreeEntry.Type.FILE,
                        "docs/empty".getBytes(StandardCharsets.UTF_8),
                        0600,
                        1000,
                        1000,
                        1_764_633_603L,
                        1,
                        0,
                        14,
                        1_764_633_603_000_000_001L,
                        List.of(),
                        new byte[0]));
    }

    static BackupManifest manifest(List<ChunkId> root, List<ChunkId> references) {
        return new BackupManifest(
                BACKUP,
                TENANT,
                AGENT,
                "/var/lib/data \u2014 v1 example",
                STARTED,
                FINISHED,
                new BackupManifest.Statistics(2, 1, 1, (5L << 30) + 12_000, 16_096, 9_000, 1, 0),
                List.of("warning: docs/gone vanished while it was read"),
                root,
                references);
    }

    /** Writes the examples into {@code args[0]}. */
    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args[0]);
        Files.createDirectories(folder);
        ChunkSealer sealer = new ChunkSealer(keys());
        HexFormat hex = HexFormat.of();
        Properties index = new Properties();

        byte[] text = compressibleChunk();
        SealedChunk zstd = sealer.seal(text, 0, text.length);
        Files.write(folder.resolve("chunk-zstd.envelope"), zstd.envelope());
        index.setProperty("chunk-zstd.id", zstd.id().hex());
        byte[] noise = incompressibleChunk();
        SealedChunk raw = sealer.seal(noise, 0, noise.length);
        Files.write(folder.resolve("chunk-raw.envelope"), raw.envelope());
        index.setProperty("chunk-raw.id", raw.id().hex());

        ChunkRecordV1 record = new ChunkRecordV1(TENANT, AGENT, BACKUP, zstd.id(), zstd.envelope());
        index.setProperty("record.tenant", TENANT.toString());
        index.setProperty("record.agent", AGENT.toString());
        index.setProperty("record.backup", BACKUP.toString());
        index.setProperty("record.key", zstd.id().hex());
        index.setProperty("record.value", "chunk-zstd.envelope");
        index.setProperty("record.mac", hex.formatHex(RecordAuthenticator.mac(macKey(), record)));

        ByteArrayOutputStream tree = new ByteArrayOutputStream();
        try (TreeWriter writer = new TreeWriter(tree)) {
            for (TreeEntry entry : treeEntries(zstd.id(), raw.id())) {
                writer.write(entry);
            }
        }
        Files.write(folder.resolve("tree.bin"), tree.toByteArray());

        List<ChunkId> references = new ArrayList<>(List.of(zstd.id(), raw.id()));
        references.sort(null);
        Files.write(
                folder.resolve("manifest.bin"),
                manifest(List.of(raw.id()), references).encode());

        StringBuilder cuts = new StringBuilder("# FastCDC v1 cut points (end offsets) of V1Examples.fastCdcInput()\n");
        cuts(fastCdcInput()).forEach(cut -> cuts.append(cut).append('\n'));
        Files.writeString(folder.resolve("fastcdc-cuts.txt"), cuts);

        try (var out = Files.newBufferedWriter(folder.resolve("examples.properties"))) {
            index.store(out, "Stored v1 examples (V1Examples); keys are the fixed test keys, never a tenant's");
        }
    }

    /** SplitMix64 from {@code seed}: the same bytes on every JDK. */
    static byte[] seeded(long seed, int length) {
        byte[] out = new byte[length];
        long state = seed;
        for (int i = 0; i < length; i += 8) {
            state += 0x9E3779B97F4A7C15L;
            long z = state;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            z ^= z >>> 31;
            for (int b = 0; b < 8 && i + b < length; b++) {
                out[i + b] = (byte) (z >>> (8 * b));
            }
        }
        return out;
    }

    private static byte[] bytes(int from, int length) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = (byte) (from + i);
        }
        return out;
    }

    private V1Examples() {}
}
