package dev.cairn.data.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.data.chunk.ChunkId;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PackReferenceV3Test {
    private static final ChunkId A = ChunkId.parse("aa".repeat(32));
    private static final ChunkId B = ChunkId.parse("bb".repeat(32));

    private static PackReferenceV3 reference() {
        return new PackReferenceV3(
                UUID.randomUUID(),
                300,
                new byte[16],
                List.of(new PackReferenceV3.Entry(A, 100), new PackReferenceV3.Entry(B, 200)));
    }

    @Test
    void aReferenceRoundTripsAndPlacesItsChunksBackToBack() {
        PackReferenceV3 reference = reference();
        PackReferenceV3 decoded = PackReferenceV3.decode(reference.encode());
        assertThat(decoded.packId()).isEqualTo(reference.packId());
        assertThat(decoded.chunks()).isEqualTo(reference.chunks());
        assertThat(decoded.offsets()).containsExactly(0, 100);
    }

    @Test
    void lengthsThatDoNotAddUpToTheSizeAreRefused() {
        assertThatThrownBy(() -> new PackReferenceV3(
                        UUID.randomUUID(), 301, new byte[16], List.of(new PackReferenceV3.Entry(A, 300))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("add up to 300");
        // the same lie, crafted byte by byte: the size field says more than the envelopes
        byte[] value = reference().encode();
        ByteBuffer.wrap(value).putLong(3 + 16, 301);
        assertThatThrownBy(() -> PackReferenceV3.decode(value)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PackReferenceV3(
                        UUID.randomUUID(), 0, new byte[16], List.of(new PackReferenceV3.Entry(A, 0))))
                .hasMessageContaining("no envelope");
    }

    @Test
    void truncatedPaddedOrForeignValuesAreRefusedCleanly() {
        byte[] value = reference().encode();
        assertThatThrownBy(() -> PackReferenceV3.decode(java.util.Arrays.copyOf(value, value.length - 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PackReferenceV3.decode(java.util.Arrays.copyOf(value, value.length + 1)))
                .isInstanceOf(IllegalArgumentException.class);
        byte[] huge = value.clone();
        ByteBuffer.wrap(huge).putInt(3 + 16 + 8 + 16, Integer.MAX_VALUE);
        assertThatThrownBy(() -> PackReferenceV3.decode(huge)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PackReferenceV3.decode(new byte[] {'C', 'B', 2}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PackReferenceV3.decode(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
