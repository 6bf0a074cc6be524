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
}
