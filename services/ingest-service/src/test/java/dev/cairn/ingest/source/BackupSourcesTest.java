package dev.cairn.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.data.chunk.ChunkKeys;
import dev.cairn.data.chunk.ChunkSealer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BackupSourcesTest {
    @Test
    void aSealedChunkReadWholeIsAnEnvelopeAndAnythingElseIsNamed() {
        byte[] sealed = sealed();
        assertThat(BackupSources.envelopeProblem(sealed, sealed.length)).isNull();
        assertThat(BackupSources.envelopeProblem(sealed, sealed.length + 1))
                .isEqualTo(sealed.length + " bytes read, " + (sealed.length + 1) + " recorded");
        byte[] shifted = new byte[sealed.length];
        System.arraycopy(sealed, 1, shifted, 0, sealed.length - 1);
        assertThat(BackupSources.envelopeProblem(shifted, shifted.length)).isEqualTo("not a chunk envelope v1");
        assertThat(BackupSources.envelopeProblem(new byte[4], 4)).isEqualTo("not a chunk envelope v1");
    }

    private static byte[] sealed() {
        byte[] data = "a chunk of a tenant's file".getBytes(StandardCharsets.UTF_8);
        return new ChunkSealer(new ChunkKeys(java.util.UUID.randomUUID(), new byte[32], new byte[32]))
                .seal(data, 0, data.length)
                .envelope();
    }
}
