package dev.cairn.data.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.data.record.PackReferenceV3;
import dev.cairn.data.record.RecordAuthenticator;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Decodes the stored v3 example ({@code src/test/resources/v3/}, written once by {@link V3Examples}): a pack
 * reference an agent of this version wrote stays readable and verifiable, and indexes the stored pack exactly.
 */
class StoredV3ExamplesTest {
    private static final Properties INDEX = V2Examples.properties("/v3/examples.properties");

    @Test
    void theStoredReferenceIndexesTheStoredPackAndEncodesToTheSameBytes() {
        byte[] value = V2Examples.resource("/v3/" + INDEX.getProperty("record.value"));
        byte[] pack = V2Examples.resource("/v3/" + INDEX.getProperty("record.pack"));
        PackReferenceV3 reference = PackReferenceV3.decode(value);
        assertThat(reference.packId()).isEqualTo(V3Examples.PACK);
        assertThat(reference.size()).isEqualTo(pack.length);
        assertThat(reference.md5()).isEqualTo(V3Examples.md5(pack));
        long[] offsets = reference.offsets();
        var expected = V2Examples.chunks();
        assertThat(reference.chunks()).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            PackReferenceV3.Entry entry = reference.chunks().get(i);
            assertThat(entry.id()).isEqualTo(expected.get(i).id());
            assertThat(Arrays.copyOfRange(pack, (int) offsets[i], (int) offsets[i] + entry.length()))
                    .isEqualTo(expected.get(i).envelope());
        }
        assertThat(reference.encode()).isEqualTo(value);
    }

    @Test
    void theStoredReferenceVerifiesWithItsMacAndNotAsAnotherVersionOrTenant() {
        byte[] value = V2Examples.resource("/v3/" + INDEX.getProperty("record.value"));
        UUID tenant = UUID.fromString(INDEX.getProperty("record.tenant"));
        UUID agent = UUID.fromString(INDEX.getProperty("record.agent"));
        UUID backup = UUID.fromString(INDEX.getProperty("record.backup"));
        byte[] mac = HexFormat.of().parseHex(INDEX.getProperty("record.mac"));
        assertThat(RecordAuthenticator.verifyPackReference(V1Examples.macKey(), tenant, agent, backup, value, mac))
                .isTrue();
        assertThat(RecordAuthenticator.verifyPackReference(V1Examples.macKey(), agent, agent, backup, value, mac))
                .isFalse();
        assertThat(RecordAuthenticator.verify(V1Examples.macKey(), tenant, agent, backup, value, mac))
                .as("a v3 MAC is not a v2 MAC over the same bytes")
                .isFalse();
        assertThat(List.of(mac.length)).containsExactly(32);
    }
}
