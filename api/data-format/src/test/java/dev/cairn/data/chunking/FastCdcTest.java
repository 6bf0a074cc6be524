package dev.cairn.data.chunking;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FastCdcTest {
    private static final FastCdc CDC = FastCdc.standard();

    private static byte[] random(long seed, int size) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    private static List<byte[]> chunks(byte[] data) throws IOException {
        Chunker chunker = new Chunker(CDC, new ByteArrayInputStream(data));
        List<byte[]> chunks = new ArrayList<>();
        for (Chunker.Chunk c = chunker.next(); c != null; c = chunker.next()) {
            chunks.add(c.copy());
        }
        return chunks;
    }

    @Test
    void chunksReassembleToTheInput() throws IOException {
        byte[] data = random(1, 20 * 1024 * 1024 + 12345);
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (byte[] chunk : chunks(data)) {
            joined.write(chunk);
        }
        assertThat(joined.toByteArray()).isEqualTo(data);
    }

    @Test
    void chunkSizesStayWithinTheBoundsAndNearTheAverage() throws IOException {
        List<byte[]> chunks = chunks(random(2, 64 * 1024 * 1024));
        for (int i = 0; i < chunks.size() - 1; i++) {
            assertThat(chunks.get(i).length).isBetween(CDC.minSize(), CDC.maxSize());
        }
        double average = 64.0 * 1024 * 1024 / chunks.size();
        // normalized chunking keeps the mean near 1 MiB (plus the minimum skipped)
        assertThat(average).isBetween(0.8 * 1024 * 1024, 1.6 * 1024 * 1024);
    }

    @Test
    void theSameDataAlwaysCutsTheSameWay() throws IOException {
        byte[] data = random(3, 8 * 1024 * 1024);
        List<byte[]> first = chunks(data);
        List<byte[]> second = chunks(data);
        assertThat(second).hasSameSizeAs(first);
        for (int i = 0; i < first.size(); i++) {
            assertThat(second.get(i)).isEqualTo(first.get(i));
        }
    }

    @Test
    void anInsertionNearTheStartMovesOnlyTheChunksAroundIt() throws Exception {
        byte[] original = random(4, 32 * 1024 * 1024);
        byte[] edited = new byte[original.length + 100];
        System.arraycopy(original, 0, edited, 0, 1000);
        System.arraycopy(random(5, 100), 0, edited, 1000, 100);
        System.arraycopy(original, 1000, edited, 1100, original.length - 1000);

        Set<String> before = new HashSet<>();
        for (byte[] chunk : chunks(original)) {
            before.add(java.util.Arrays.toString(
                    java.security.MessageDigest.getInstance("SHA-256").digest(chunk)));
        }
        List<byte[]> after = chunks(edited);
        long shared = after.stream()
                .map(c -> {
                    try {
                        return java.util.Arrays.toString(java.security.MessageDigest.getInstance("SHA-256")
                                .digest(c));
                    } catch (java.security.NoSuchAlgorithmException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .filter(before::contains)
                .count();
        assertThat(shared).isGreaterThanOrEqualTo(after.size() - 2L);
    }

    @Test
    void emptyAndTinyInputsGiveNoneOrOneChunk() throws IOException {
        assertThat(chunks(new byte[0])).isEmpty();
        assertThat(chunks(new byte[] {42})).hasSize(1);
        assertThat(chunks(random(6, CDC.minSize()))).hasSize(1);
    }

    @Test
    void dataWithoutCutPointsIsCutAtTheMaximum() throws IOException {
        List<byte[]> chunks = chunks(new byte[10 * 1024 * 1024]); // zeros: the gear hash never matches
        assertThat(chunks.get(0)).hasSize(CDC.maxSize());
        assertThat(chunks.stream().mapToInt(c -> c.length).sum()).isEqualTo(10 * 1024 * 1024);
    }
}
