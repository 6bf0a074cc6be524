package dev.cairn.ingest.pack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.data.chunk.ChunkId;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PackTest {
    private static final UUID TENANT = UUID.fromString("7e4a1c2b-0000-4000-8000-00000000000a");
    private static final ChunkId A = id(1);
    private static final ChunkId B = id(2);
    private static final ChunkId C = id(3);

    @Test
    void chunksAreConcatenatedOnceEachAndTheIndexSaysWhereEachIs() {
        Pack pack = new Pack(TENANT, "eu-west-1");
        assertThat(pack.add(A, bytes("aaaa"))).isTrue();
        assertThat(pack.add(B, bytes("bb"))).isTrue();
        assertThat(pack.add(A, bytes("aaaa"))).as("a second copy of a chunk").isFalse();

        assertThat(new String(pack.data(), StandardCharsets.US_ASCII)).isEqualTo("aaaabb");
        assertThat(pack.entries()).containsExactly(new Pack.Entry(A, 0, 4), new Pack.Entry(B, 4, 2));
        assertThat(new String(pack.index(), StandardCharsets.US_ASCII))
                .isEqualTo("cairn-pack-index v1 " + pack.id() + " " + TENANT + "\n"
                        + A.hex() + " 0 4\n"
                        + B.hex() + " 4 2\n");
    }

    @Test
    void retainingSomeChunksMakesANewPackWithOnlyThoseAtTheirNewOffsets() {
        Pack pack = new Pack(TENANT, "eu-west-1");
        pack.add(A, bytes("aaaa"));
        pack.add(B, bytes("bb"));
        pack.add(C, bytes("ccc"));

        Pack kept = pack.retain(Set.of(A, C));

        assertThat(kept.id()).isNotEqualTo(pack.id());
        assertThat(kept.tenantId()).isEqualTo(TENANT);
        assertThat(kept.region()).isEqualTo("eu-west-1");
        assertThat(new String(kept.data(), StandardCharsets.US_ASCII)).isEqualTo("aaaaccc");
        assertThat(kept.entries()).containsExactly(new Pack.Entry(A, 0, 4), new Pack.Entry(C, 4, 3));
        assertThat(pack.retain(Set.of(A, B, C, id(9))))
                .as("keeping all is the pack itself")
                .isSameAs(pack);
        assertThat(pack.retain(Set.of()).size()).isZero();
    }

    private static ChunkId id(int n) {
        byte[] bytes = new byte[ChunkId.LENGTH];
        Arrays.fill(bytes, (byte) n);
        return ChunkId.of(bytes);
    }

    @Test
    void anUploadedPackKeepsItsSlotsIdAndIndexAndHoldsNoBytes() {
        UUID slot = UUID.randomUUID();
        Pack pack = Pack.uploaded(
                TENANT,
                "eu-west-1",
                new dev.cairn.data.record.PackReferenceV3(
                        slot,
                        6,
                        new byte[16],
                        java.util.List.of(
                                new dev.cairn.data.record.PackReferenceV3.Entry(A, 4),
                                new dev.cairn.data.record.PackReferenceV3.Entry(B, 2))));
        assertThat(pack.id()).isEqualTo(slot);
        assertThat(pack.uploaded()).isTrue();
        assertThat(pack.size()).isEqualTo(6);
        assertThat(pack.entries()).containsExactly(new Pack.Entry(A, 0, 4), new Pack.Entry(B, 4, 2));
        assertThat(pack.retain(Set.of(B))).as("its object is what it is").isSameAs(pack);
        org.assertj.core.api.Assertions.assertThatThrownBy(pack::data).isInstanceOf(IllegalStateException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> pack.add(C, bytes("c")))
                .isInstanceOf(IllegalStateException.class);
        assertThat(new String(pack.index(), StandardCharsets.US_ASCII))
                .startsWith("cairn-pack-index v1 " + slot + " " + TENANT + "\n");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
