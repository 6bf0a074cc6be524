package dev.cairn.data.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.data.record.ChunkBundleV2;
import dev.cairn.data.record.RecordAuthenticator;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Decodes the stored v2 example ({@code src/test/resources/v2/}, written once by {@link V2Examples}): a bundle an
 * agent of this version wrote stays readable and verifiable by every later platform.
 */
class StoredV2ExamplesTest {
    private static final Properties INDEX = V2Examples.properties("/v2/examples.properties");

    @Test
    void theStoredBundleDecodesToTheStoredEnvelopesAndEncodesToTheSameBytes() {
        byte[] value = V2Examples.resource("/v2/" + INDEX.getProperty("record.value"));
        List<ChunkBundleV2.Chunk> chunks = ChunkBundleV2.decode(value);
        List<ChunkBundleV2.Chunk> expected = V2Examples.chunks();
        assertThat(chunks).hasSize(expected.size());
        for (int i = 0; i < chunks.size(); i++) {
            assertThat(chunks.get(i).id()).isEqualTo(expected.get(i).id());
            assertThat(chunks.get(i).envelope()).isEqualTo(expected.get(i).envelope());
        }
        assertThat(new ChunkBundleV2(V1Examples.TENANT, V1Examples.AGENT, V1Examples.BACKUP, chunks).encode())
                .isEqualTo(value);
    }

    @Test
    void theStoredBundleVerifiesWithItsMacAndNotForAnotherTenant() {
        byte[] value = V2Examples.resource("/v2/" + INDEX.getProperty("record.value"));
        UUID tenant = UUID.fromString(INDEX.getProperty("record.tenant"));
        UUID agent = UUID.fromString(INDEX.getProperty("record.agent"));
        UUID backup = UUID.fromString(INDEX.getProperty("record.backup"));
        byte[] mac = HexFormat.of().parseHex(INDEX.getProperty("record.mac"));
        assertThat(RecordAuthenticator.verify(V1Examples.macKey(), tenant, agent, backup, value, mac))
                .isTrue();
        assertThat(RecordAuthenticator.verify(V1Examples.macKey(), agent, agent, backup, value, mac))
                .isFalse();
    }
}
