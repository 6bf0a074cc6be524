package dev.cairn.data.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.data.chunk.ChunkId;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BackupManifestTest {

    private static ChunkId id(int n) {
        byte[] b = new byte[32];
        b[0] = (byte) n;
        b[31] = (byte) (n * 7);
        return ChunkId.of(b);
    }

    private static BackupManifest sample() {
        List<ChunkId> refs = new ArrayList<>(List.of(id(1), id(2), id(200)));
        refs.sort(null);
        return new BackupManifest(
                UUID.randomUUID(),
                UUID.randomUUID(),
                UUID.randomUUID(),
                "local:/data",
                Instant.ofEpochMilli(1000),
                Instant.ofEpochMilli(5000),
                new BackupManifest.Statistics(3, 1, 1, 100, 50, 40, 1, 0),
                List.of("vanished: a/b"),
                List.of(id(200)),
                refs);
    }

    @Test
    void roundTripsThroughItsWireFormat() {
        BackupManifest m = sample();
        BackupManifest back = BackupManifest.decode(new ByteArrayInputStream(m.encode()));
        assertThat(back.backupId()).isEqualTo(m.backupId());
        assertThat(back.statistics()).isEqualTo(m.statistics());
        assertThat(back.references()).isEqualTo(m.references());
        assertThat(back.root()).isEqualTo(m.root());
        assertThat(back.messages()).containsExactly("vanished: a/b");
        assertThat(back.finishedAt()).isEqualTo(m.finishedAt());
    }

    @Test
    void refusesUnsortedReferencesAndARootOutsideThem() {
        BackupManifest m = sample();
        assertThatThrownBy(() -> new BackupManifest(
                        m.backupId(),
                        m.tenantId(),
                        m.clusterId(),
                        "s",
                        m.startedAt(),
                        m.finishedAt(),
                        m.statistics(),
                        List.of(),
                        List.of(),
                        List.of(id(2), id(1))))
                .hasMessageContaining("sorted");
        assertThatThrownBy(() -> new BackupManifest(
                        m.backupId(),
                        m.tenantId(),
                        m.clusterId(),
                        "s",
                        m.startedAt(),
                        m.finishedAt(),
                        m.statistics(),
                        List.of(),
                        List.of(id(9)),
                        List.of(id(1))))
                .hasMessageContaining("root");
    }

    @Test
    void refusesTruncatedOrForeignBytesClearly() {
        byte[] bytes = sample().encode();
        assertThatThrownBy(
                        () -> BackupManifest.decode(new ByteArrayInputStream(Arrays.copyOf(bytes, bytes.length - 5))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("truncated");
        assertThatThrownBy(() -> BackupManifest.decode(new ByteArrayInputStream("hello world".getBytes())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a backup manifest");
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        assertThatThrownBy(() -> BackupManifest.decode(new ByteArrayInputStream(longer)))
                .hasMessageContaining("trailing");
    }

    @Test
    void aReaderGivesTheHeadThenTheReferencesABatchAtATime() {
        BackupManifest m = sample();
        BackupManifest.Reader reader = BackupManifest.Reader.open(new ByteArrayInputStream(m.encode()));
        assertThat(reader.head()).isEqualTo(m.head());
        assertThat(reader.head().referenceCount()).isEqualTo(3);
        byte[] first = reader.next(2);
        byte[] second = reader.next(2);
        assertThat(first).hasSize(2 * ChunkId.LENGTH);
        assertThat(second).hasSize(ChunkId.LENGTH);
        assertThat(Arrays.copyOfRange(second, 0, ChunkId.LENGTH))
                .isEqualTo(m.references().get(2).bytes());
        assertThat(reader.next(2)).isNull();
        assertThat(reader.next(2)).isNull();
    }

    @Test
    void aReaderFindsWhatIsWrongWhereItIs() {
        BackupManifest m = sample();
        byte[] bytes = m.encode();
        // the last two references swapped: found in the batch that holds them, not before
        int refsAt = bytes.length - 3 * ChunkId.LENGTH;
        byte[] swapped = bytes.clone();
        System.arraycopy(bytes, refsAt + 2 * ChunkId.LENGTH, swapped, refsAt + ChunkId.LENGTH, ChunkId.LENGTH);
        System.arraycopy(bytes, refsAt + ChunkId.LENGTH, swapped, refsAt + 2 * ChunkId.LENGTH, ChunkId.LENGTH);
        BackupManifest.Reader unsorted = BackupManifest.Reader.open(new ByteArrayInputStream(swapped));
        assertThat(unsorted.next(1)).isNotNull();
        assertThatThrownBy(() -> unsorted.next(2)).hasMessageContaining("not sorted and unique");
        // a trailing byte: found after the last batch
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        BackupManifest.Reader trailing = BackupManifest.Reader.open(new ByteArrayInputStream(longer));
        assertThat(trailing.next(10)).hasSize(3 * ChunkId.LENGTH);
        assertThatThrownBy(() -> trailing.next(10)).hasMessageContaining("trailing bytes");
        // a root chunk that is not among the references: found at the end
        BackupManifest noRoot = new BackupManifest(
                m.backupId(),
                m.tenantId(),
                m.clusterId(),
                m.source(),
                m.startedAt(),
                m.finishedAt(),
                m.statistics(),
                m.messages(),
                List.of(),
                m.references());
        byte[] rootless = noRoot.encode();
        // the root list (empty) rewritten to name id(9), which no reference has
        int rootAt = rootless.length - 3 * ChunkId.LENGTH - 4 - 4;
        byte[] withRoot = new byte[rootless.length + ChunkId.LENGTH];
        System.arraycopy(rootless, 0, withRoot, 0, rootAt);
        withRoot[rootAt + 3] = 1;
        System.arraycopy(id(9).bytes(), 0, withRoot, rootAt + 4, ChunkId.LENGTH);
        System.arraycopy(rootless, rootAt + 4, withRoot, rootAt + 4 + ChunkId.LENGTH, rootless.length - rootAt - 4);
        BackupManifest.Reader missing = BackupManifest.Reader.open(new ByteArrayInputStream(withRoot));
        assertThat(missing.head().root()).containsExactly(id(9));
        assertThat(missing.next(10)).isNotNull();
        assertThatThrownBy(() -> missing.next(10)).hasMessageContaining("root chunk is not among the references");
    }
}
