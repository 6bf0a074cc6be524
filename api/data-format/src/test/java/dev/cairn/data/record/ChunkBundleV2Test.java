package dev.cairn.data.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.data.chunk.ChunkId;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ChunkBundleV2Test {
    private static final UUID T = UUID.randomUUID();

    @Test
    void aBundleDecodesToItsChunksInOrder() {
        List<ChunkBundleV2.Chunk> chunks = chunks(50);
        List<ChunkBundleV2.Chunk> decoded = ChunkBundleV2.decode(new ChunkBundleV2(T, T, T, chunks).encode());
        assertThat(decoded).hasSize(50);
        for (int i = 0; i < 50; i++) {
            assertThat(decoded.get(i).id()).isEqualTo(chunks.get(i).id());
            assertThat(decoded.get(i).envelope()).isEqualTo(chunks.get(i).envelope());
        }
    }

    @Test
    void aValueWhoseLengthsDoNotAddUpIsRefusedBeforeAnythingIsAllocated() {
        byte[] value = new ChunkBundleV2(T, T, T, chunks(3)).encode();
        assertThatThrownBy(() -> ChunkBundleV2.decode(Arrays.copyOf(value, value.length - 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("add up");
        assertThatThrownBy(() -> ChunkBundleV2.decode(Arrays.copyOf(value, value.length + 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("add up");
        // a length that overflows an int when added
        byte[] huge = value.clone();
        ByteBuffer.wrap(huge).putInt(7 + 32, Integer.MAX_VALUE);
        assertThatThrownBy(() -> ChunkBundleV2.decode(huge)).isInstanceOf(IllegalArgumentException.class);
        byte[] negative = value.clone();
        ByteBuffer.wrap(negative).putInt(7 + 32, -5);
        assertThatThrownBy(() -> ChunkBundleV2.decode(negative)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCountOutsideItsBoundsOrAnotherFormatIsRefused() {
        byte[] value = new ChunkBundleV2(T, T, T, chunks(1)).encode();
        for (int count : new int[] {0, -1, ChunkBundleV2.MAX_CHUNKS + 1, 2}) {
            byte[] bad = value.clone();
            ByteBuffer.wrap(bad).putInt(3, count);
            assertThatThrownBy(() -> ChunkBundleV2.decode(bad)).isInstanceOf(IllegalArgumentException.class);
        }
        byte[] envelope = value.clone();
        envelope[1] = 'K';
        assertThatThrownBy(() -> ChunkBundleV2.decode(envelope)).hasMessageContaining("not a chunk bundle v2");
        assertThatThrownBy(() -> ChunkBundleV2.decode(new byte[] {'C', 'B', 2}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChunkBundleV2.decode(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChunkBundleV2(T, T, T, List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void randomBytesNeverDecodeBeyondACleanRefusal() {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = new byte[random.nextInt(200)];
            random.nextBytes(bytes);
            if (bytes.length > 3 && random.nextBoolean()) {
                bytes[0] = 'C';
                bytes[1] = 'B';
                bytes[2] = 2;
            }
            try {
                ChunkBundleV2.decode(bytes);
            } catch (IllegalArgumentException expected) {
                // the only way out
            }
        }
    }

    private static List<ChunkBundleV2.Chunk> chunks(int n) {
        Random random = new Random(n);
        List<ChunkBundleV2.Chunk> chunks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] id = new byte[ChunkId.LENGTH];
            random.nextBytes(id);
            byte[] envelope = new byte[1 + random.nextInt(300)];
            random.nextBytes(envelope);
            chunks.add(new ChunkBundleV2.Chunk(ChunkId.of(id), envelope));
        }
        return chunks;
    }
}
