package dev.cairn.agent.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.api.agent.backup.PackUpload;
import dev.cairn.data.chunk.ChunkId;
import dev.cairn.data.chunk.SealedChunk;
import dev.cairn.data.record.PackReferenceV3;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class PackUploadSinkTest {
    private static final UUID BACKUP = UUID.randomUUID();

    /** What reached the data topic: single chunks (bundled there) and pack announcements. */
    private final List<SealedChunk> recorded = new ArrayList<>();

    private final List<PackReferenceV3> announced = new ArrayList<>();
    private final Map<UUID, byte[]> objects = new ConcurrentHashMap<>();
    private final Map<String, UUID> slots = new ConcurrentHashMap<>();
    private final Map<UUID, String> md5s = new ConcurrentHashMap<>();

    private final ChunkSink records = new ChunkSink() {
        @Override
        public void send(UUID backup, SealedChunk chunk) {
            recorded.add(chunk);
        }

        @Override
        public void sendPack(UUID backup, PackReferenceV3 reference) {
            announced.add(reference);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    private final PackUploadSink.Uploads store = new PackUploadSink.Uploads() {
        @Override
        public PackUpload slot(UUID backup, String idempotencyKey) {
            UUID pack = slots.computeIfAbsent(idempotencyKey, k -> UUID.randomUUID());
            return new PackUpload(pack, "https://s3.example/" + pack, Instant.now(), 64L << 20);
        }

        @Override
        public void put(String url, List<byte[]> parts, long size, String md5Base64) {
            ByteArrayOutputStream object = new ByteArrayOutputStream();
            parts.forEach(object::writeBytes);
            assertThat(object.size()).isEqualTo(size);
            UUID pack = UUID.fromString(url.substring(url.lastIndexOf('/') + 1));
            objects.put(pack, object.toByteArray());
            md5s.put(pack, md5Base64);
        }
    };

    private static SealedChunk chunk(int seed, int length) {
        byte[] envelope = new byte[length];
        java.util.Arrays.fill(envelope, (byte) seed);
        byte[] id = new byte[ChunkId.LENGTH];
        java.nio.ByteBuffer.wrap(id).putInt(seed);
        return new SealedChunk(ChunkId.of(id), envelope, length, false);
    }

    @Test
    void largeDataGoesAsUploadedPacksAnnouncedWithTheirIndexSizeAndMd5() throws Exception {
        PackUploadSink sink = new PackUploadSink(records, store);
        List<SealedChunk> sent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            sent.add(chunk(i, 1 << 20)); // 20 MiB in chunks of 1 MiB: packs of 8, 8, and a tail of 4
        }
        sent.forEach(c -> sink.send(BACKUP, c));
        sink.flush();

        assertThat(recorded).isEmpty();
        assertThat(announced).extracting(PackReferenceV3::size).containsExactly(8L << 20, 8L << 20, 4L << 20);
        int at = 0;
        for (PackReferenceV3 reference : announced) {
            byte[] object = objects.get(reference.packId());
            assertThat(object).hasSize((int) reference.size());
            byte[] md5 = MessageDigest.getInstance("MD5").digest(object);
            assertThat(reference.md5()).isEqualTo(md5);
            assertThat(md5s.get(reference.packId()))
                    .isEqualTo(Base64.getEncoder().encodeToString(md5));
            long[] offsets = reference.offsets();
            for (int i = 0; i < reference.chunks().size(); i++) {
                SealedChunk expected = sent.get(at++);
                assertThat(reference.chunks().get(i).id()).isEqualTo(expected.id());
                assertThat(java.util.Arrays.copyOfRange(
                                object,
                                (int) offsets[i],
                                (int) offsets[i] + reference.chunks().get(i).length()))
                        .isEqualTo(expected.envelope());
            }
        }
        assertThat(at).isEqualTo(sent.size());
    }

    @Test
    void aTailOrABackupSmallerThanHalfAPackTravelsAsRecords() {
        PackUploadSink sink = new PackUploadSink(records, store);
        for (int i = 0; i < 9; i++) {
            sink.send(BACKUP, chunk(i, 1 << 20));
        }
        for (int i = 0; i < 100; i++) {
            sink.send(BACKUP, chunk(100 + i, 1000));
        }
        sink.flush();
        // the first 8 MiB went as a pack; the tail (1 MiB and 100 kB) as records
        assertThat(announced)
                .singleElement()
                .satisfies(r -> assertThat(r.size()).isEqualTo(8L << 20));
        assertThat(recorded).hasSize(101);

        recorded.clear();
        announced.clear();
        PackUploadSink small = new PackUploadSink(records, store);
        for (int i = 0; i < 100; i++) {
            small.send(BACKUP, chunk(i, 1000));
        }
        small.flush();
        assertThat(announced).as("100 kB is not worth an object").isEmpty();
        assertThat(recorded).hasSize(100);
        assertThat(objects).hasSize(1);
    }

    @Test
    void anotherBackupsChunkClosesThePack() {
        PackUploadSink sink = new PackUploadSink(records, store);
        for (int i = 0; i < 5; i++) {
            sink.send(BACKUP, chunk(i, 1 << 20));
        }
        sink.send(UUID.randomUUID(), chunk(9, 1 << 20));
        assertThat(announced)
                .singleElement()
                .satisfies(r -> assertThat(r.size()).isEqualTo(5L << 20));
        for (int i = 10; i < 13; i++) {
            sink.send(BACKUP, chunk(i, 1 << 20));
        }
        assertThat(recorded)
                .as("the other backup's 1 MiB, closed by this one's chunk")
                .hasSize(1);
    }

    @Test
    void aPackOfManySmallChunksClosesAtItsChunkLimitAndTravelsAsRecords() {
        PackUploadSink sink = new PackUploadSink(records, store);
        for (int i = 0; i < PackUploadSink.MAX_CHUNKS + 10; i++) {
            sink.send(BACKUP, chunk(i, 60));
        }
        assertThat(recorded)
                .as("closed at the limit: a megabyte goes as bundles")
                .hasSize(PackUploadSink.MAX_CHUNKS);
        sink.flush();
        assertThat(recorded).hasSize(PackUploadSink.MAX_CHUNKS + 10);
        assertThat(announced).isEmpty();
    }
}
