package dev.cairn.data.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.data.chunk.ChunkId;
import dev.cairn.data.chunk.ChunkSealer;
import dev.cairn.data.manifest.BackupManifest;
import dev.cairn.data.record.ChunkRecordV1;
import dev.cairn.data.record.RecordAuthenticator;
import dev.cairn.data.tree.TreeEntry;
import dev.cairn.data.tree.TreeReader;
import dev.cairn.data.tree.TreeWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Decodes the stored v1 examples ({@code src/test/resources/v1/}, written once by {@link V1Examples}): what agents
 * of this version wrote must stay readable by every later platform, and what this version writes must be the same
 * bytes. A changed field order, header, key derivation or FastCDC gear table fails here.
 */
class StoredV1ExamplesTest {
    private static final Properties INDEX = index();
    private static final ChunkId ZSTD = ChunkId.parse(INDEX.getProperty("chunk-zstd.id"));
    private static final ChunkId RAW = ChunkId.parse(INDEX.getProperty("chunk-raw.id"));

    @Test
    void fastCdcCutsTheSeededInputWhereV1Did() {
        List<Integer> stored = new ArrayList<>();
        for (String line : new String(stored("fastcdc-cuts.txt")).split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                stored.add(Integer.parseInt(line.trim()));
            }
        }
        assertThat(stored).hasSizeGreaterThan(5);
        assertThat(V1Examples.cuts(V1Examples.fastCdcInput())).isEqualTo(stored);
    }

    @Test
    void storedEnvelopesOpenUnderTheTestKeysToTheirChunks() {
        ChunkSealer sealer = new ChunkSealer(V1Examples.keys());
        byte[] zstd = stored("chunk-zstd.envelope");
        byte[] raw = stored("chunk-raw.envelope");
        assertThat(zstd[3]).as("zstd flag").isEqualTo((byte) 1);
        assertThat(raw[3]).as("stored raw").isEqualTo((byte) 0);
        assertThat(sealer.open(zstd, ZSTD)).isEqualTo(V1Examples.compressibleChunk());
        assertThat(sealer.open(raw, RAW)).isEqualTo(V1Examples.incompressibleChunk());
        // the ids are the keyed hashes of the plaintexts
        byte[] text = V1Examples.compressibleChunk();
        assertThat(sealer.id(text, 0, text.length)).isEqualTo(ZSTD);
    }

    @Test
    void theStoredRecordVerifiesWithItsMacAndNoOtherRecordDoes() {
        ChunkRecordV1 record = new ChunkRecordV1(
                UUID.fromString(INDEX.getProperty("record.tenant")),
                UUID.fromString(INDEX.getProperty("record.agent")),
                UUID.fromString(INDEX.getProperty("record.backup")),
                ChunkId.parse(INDEX.getProperty("record.key")),
                stored(INDEX.getProperty("record.value")));
        byte[] mac = HexFormat.of().parseHex(INDEX.getProperty("record.mac"));
        assertThat(RecordAuthenticator.verify(V1Examples.macKey(), record, mac)).isTrue();
        assertThat(RecordAuthenticator.mac(V1Examples.macKey(), record)).isEqualTo(mac);

        ChunkRecordV1 otherTenant = new ChunkRecordV1(
                V1Examples.AGENT, record.agentId(), record.backupId(), record.chunkId(), record.envelope());
        assertThat(RecordAuthenticator.verify(V1Examples.macKey(), otherTenant, mac))
                .isFalse();
    }

    @Test
    void theStoredTreeDecodesEntryForEntryAndEncodesToTheSameBytes() throws IOException {
        byte[] bytes = stored("tree.bin");
        List<TreeEntry> expected = V1Examples.treeEntries(ZSTD, RAW);
        try (TreeReader reader = new TreeReader(new ByteArrayInputStream(bytes))) {
            for (TreeEntry want : expected) {
                TreeEntry got = reader.next();
                assertThat(got.type()).isEqualTo(want.type());
                assertThat(got.path()).isEqualTo(want.path());
                assertThat(got.mode()).isEqualTo(want.mode());
                assertThat(got.uid()).isEqualTo(want.uid());
                assertThat(got.gid()).isEqualTo(want.gid());
                assertThat(got.mtimeSeconds()).isEqualTo(want.mtimeSeconds());
                assertThat(got.mtimeNanos()).isEqualTo(want.mtimeNanos());
                assertThat(got.size()).isEqualTo(want.size());
                assertThat(got.inode()).isEqualTo(want.inode());
                assertThat(got.ctimeNanos()).isEqualTo(want.ctimeNanos());
                assertThat(got.extents()).isEqualTo(want.extents());
                assertThat(got.target()).isEqualTo(want.target());
            }
            assertThat(reader.next()).isNull();
        }
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        try (TreeWriter writer = new TreeWriter(again)) {
            for (TreeEntry entry : expected) {
                writer.write(entry);
            }
        }
        assertThat(again.toByteArray()).isEqualTo(bytes);
    }

    @Test
    void theStoredManifestDecodesFieldForFieldAndEncodesToTheSameBytes() {
        byte[] bytes = stored("manifest.bin");
        BackupManifest manifest = BackupManifest.decode(new ByteArrayInputStream(bytes));
        List<ChunkId> references = new ArrayList<>(List.of(ZSTD, RAW));
        references.sort(null);
        BackupManifest expected = V1Examples.manifest(List.of(RAW), references);
        assertThat(manifest.backupId()).isEqualTo(expected.backupId());
        assertThat(manifest.tenantId()).isEqualTo(expected.tenantId());
        assertThat(manifest.clusterId()).isEqualTo(expected.clusterId());
        assertThat(manifest.source()).isEqualTo(expected.source());
        assertThat(manifest.startedAt()).isEqualTo(expected.startedAt());
        assertThat(manifest.finishedAt()).isEqualTo(expected.finishedAt());
        assertThat(manifest.statistics()).isEqualTo(expected.statistics());
        assertThat(manifest.messages()).isEqualTo(expected.messages());
        assertThat(manifest.root()).isEqualTo(expected.root());
        assertThat(manifest.references()).isEqualTo(expected.references());
        assertThat(expected.encode()).isEqualTo(bytes);
    }

    private static byte[] stored(String name) {
        try (InputStream in = StoredV1ExamplesTest.class.getResourceAsStream("/v1/" + name)) {
            assertThat(in).as("stored example v1/" + name).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Properties index() {
        Properties index = new Properties();
        try (InputStream in = StoredV1ExamplesTest.class.getResourceAsStream("/v1/examples.properties")) {
            if (in == null) {
                throw new IllegalStateException("v1/examples.properties is missing");
            }
            index.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return index;
    }
}
