package dev.cairn.data.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ChunkSealerTest {
    private static ChunkKeys keys(long seed) {
        Random random = new Random(seed);
        byte[] id = new byte[32];
        byte[] enc = new byte[32];
        random.nextBytes(id);
        random.nextBytes(enc);
        return new ChunkKeys(new UUID(seed, seed), id, enc);
    }

    private static final ChunkSealer SEALER = new ChunkSealer(keys(1));

    private static byte[] text(int size) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; s.length() < size; i++) {
            s.append("2026-11-27T04:00:")
                    .append(i % 60)
                    .append(" INFO request served in ")
                    .append(i % 97)
                    .append(" ms\n");
        }
        return s.substring(0, size).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] random(int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return data;
    }

    @Test
    void aSealedChunkOpensToItsPlaintext() {
        byte[] data = text(1 << 20);
        SealedChunk sealed = SEALER.seal(data, 0, data.length);
        assertThat(SEALER.open(sealed.envelope(), sealed.id())).isEqualTo(data);
        assertThat(sealed.plainLength()).isEqualTo(data.length);
    }

    @Test
    void compressibleDataIsStoredCompressedAndRandomDataRaw() {
        byte[] logs = text(1 << 20);
        SealedChunk compressed = SEALER.seal(logs, 0, logs.length);
        assertThat(compressed.compressed()).isTrue();
        assertThat(compressed.envelope().length).isLessThan(logs.length / 3);

        byte[] noise = random(1 << 20);
        SealedChunk raw = SEALER.seal(noise, 0, noise.length);
        assertThat(raw.compressed()).isFalse();
        assertThat(raw.envelope().length).isEqualTo(noise.length + ChunkSealer.HEADER_LENGTH + ChunkSealer.TAG_LENGTH);
        assertThat(SEALER.open(raw.envelope(), raw.id())).isEqualTo(noise);
    }

    @Test
    void aChunkTooShortToGainFromZstdIsStoredRawAndALongerOneCompressed() {
        byte[] tiny = new byte[ChunkSealer.MIN_COMPRESS - 1]; // zeros: zstd would shrink them, by a few bytes
        SealedChunk raw = SEALER.seal(tiny, 0, tiny.length);
        assertThat(raw.compressed()).isFalse();
        assertThat(SEALER.open(raw.envelope(), raw.id())).isEqualTo(tiny);

        byte[] zeros = new byte[ChunkSealer.MIN_COMPRESS];
        SealedChunk compressed = SEALER.seal(zeros, 0, zeros.length);
        assertThat(compressed.compressed()).isTrue();
        assertThat(SEALER.open(compressed.envelope(), compressed.id())).isEqualTo(zeros);
    }

    @Test
    void theIdIsAKeyedHashThatDiffersAcrossTenants() {
        byte[] data = text(4096);
        ChunkId mine = SEALER.id(data, 0, data.length);
        assertThat(SEALER.id(data, 0, data.length)).isEqualTo(mine);
        assertThat(new ChunkSealer(keys(2)).id(data, 0, data.length)).isNotEqualTo(mine);
    }

    @Test
    void aChunkSealedUnderItsPrecomputedIdOpensAndUnderAWrongOneNever() {
        byte[] data = text(100_000);
        ChunkId id = SEALER.id(data, 0, data.length);
        assertThat(SEALER.open(SEALER.seal(id, data, 0, data.length).envelope(), id))
                .isEqualTo(data);
        byte[] other = text(5000);
        ChunkId wrong = SEALER.id(other, 0, other.length);
        byte[] envelope = SEALER.seal(wrong, data, 0, data.length).envelope();
        assertThatThrownBy(() -> SEALER.open(envelope, wrong)).isInstanceOf(ChunkIntegrityException.class);
        assertThatThrownBy(() -> SEALER.open(envelope, id)).isInstanceOf(ChunkIntegrityException.class);
    }

    @Test
    void sealingFromManyThreadsAtOnceWorks() throws Exception {
        byte[] data = text(200_000);
        ChunkId id = SEALER.id(data, 0, data.length);
        java.util.List<Thread> threads = new java.util.ArrayList<>();
        java.util.concurrent.atomic.AtomicInteger opened = new java.util.concurrent.atomic.AtomicInteger();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 50; i++) {
                    if (java.util.Arrays.equals(
                            SEALER.open(SEALER.seal(data, 0, data.length).envelope(), id), data)) {
                        opened.incrementAndGet();
                    }
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(opened.get()).isEqualTo(200);
    }

    @Test
    void sealingTwiceUsesFreshNonces() {
        byte[] data = text(4096);
        assertThat(SEALER.seal(data, 0, data.length).envelope())
                .isNotEqualTo(SEALER.seal(data, 0, data.length).envelope());
    }

    @Test
    void anyFlippedByteIsDetected() {
        byte[] data = text(64 * 1024);
        SealedChunk sealed = SEALER.seal(data, 0, data.length);
        for (int position : new int[] {
            0, 2, 3, 5, 10, ChunkSealer.HEADER_LENGTH, sealed.envelope().length / 2, sealed.envelope().length - 1
        }) {
            byte[] damaged = sealed.envelope().clone();
            damaged[position] ^= 0x01;
            assertThatThrownBy(() -> SEALER.open(damaged, sealed.id()))
                    .as("byte " + position)
                    .isInstanceOf(ChunkIntegrityException.class);
        }
    }

    @Test
    void anEnvelopeDoesNotOpenAsAnotherChunkOrForAnotherTenant() {
        byte[] a = text(8192);
        byte[] b = random(8192);
        SealedChunk sealedA = SEALER.seal(a, 0, a.length);
        SealedChunk sealedB = SEALER.seal(b, 0, b.length);
        assertThatThrownBy(() -> SEALER.open(sealedA.envelope(), sealedB.id()))
                .isInstanceOf(ChunkIntegrityException.class);

        // the same keys under another tenant id: the envelope is bound to its tenant
        ChunkKeys original = keys(1);
        ChunkSealer otherTenant =
                new ChunkSealer(new ChunkKeys(UUID.randomUUID(), original.idKey(), original.encryptionKey()));
        assertThatThrownBy(() -> otherTenant.open(sealedA.envelope(), sealedA.id()))
                .isInstanceOf(ChunkIntegrityException.class);
    }

    @Test
    void truncatedOrForeignBytesAreRefused() {
        byte[] data = text(1000);
        SealedChunk sealed = SEALER.seal(data, 0, data.length);
        assertThatThrownBy(() -> SEALER.open(java.util.Arrays.copyOf(sealed.envelope(), 20), sealed.id()))
                .isInstanceOf(ChunkIntegrityException.class);
        assertThatThrownBy(() -> SEALER.open("not an envelope at all, clearly".getBytes(), sealed.id()))
                .isInstanceOf(ChunkIntegrityException.class);
    }

    @Test
    void anEmptyChunkSealsAndOpens() {
        SealedChunk sealed = SEALER.seal(new byte[0], 0, 0);
        assertThat(SEALER.open(sealed.envelope(), sealed.id())).isEmpty();
    }

    @Test
    void anEnvelopeClaimingAChunkLongerThanAnyIsRefusedBeforeAnythingIsAllocatedForIt() {
        byte[] data = text(100_000);
        SealedChunk sealed = SEALER.seal(data, 0, data.length);
        assertThat(sealed.compressed()).isTrue();
        byte[] crafted = sealed.envelope().clone();
        java.nio.ByteBuffer.wrap(crafted, 4, 4).putInt(Integer.MAX_VALUE);
        assertThatThrownBy(() -> SEALER.open(crafted, sealed.id()))
                .isInstanceOf(ChunkIntegrityException.class)
                .hasMessageContaining("claims a chunk of 2147483647 bytes");
        byte[] tooLong = java.util.Arrays.copyOf(sealed.envelope(), ChunkSealer.MAX_ENVELOPE_LENGTH + 1);
        assertThatThrownBy(() -> SEALER.open(tooLong, sealed.id()))
                .isInstanceOf(ChunkIntegrityException.class)
                .hasMessageContaining("longer than any chunk");
    }

    @Test
    void aChunkLongerThanTheChunkerMakesIsNotSealed() {
        byte[] data = new byte[ChunkSealer.MAX_PLAIN_LENGTH + 1];
        assertThatThrownBy(() -> SEALER.seal(data, 0, data.length)).isInstanceOf(IllegalArgumentException.class);
        assertThat(SEALER.seal(data, 1, ChunkSealer.MAX_PLAIN_LENGTH).plainLength())
                .isEqualTo(ChunkSealer.MAX_PLAIN_LENGTH);
    }
}
