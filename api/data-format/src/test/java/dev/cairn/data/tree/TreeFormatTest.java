package dev.cairn.data.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.data.chunk.ChunkId;
import dev.cairn.data.chunk.ChunkSealer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TreeFormatTest {

    @Test
    void keepsEveryFieldAndNamesThatAreNotUtf8() throws Exception {
        byte[] latin1 = {'d', '/', (byte) 0xe9, 't', (byte) 0xff};
        ChunkId id = ChunkId.of(new byte[32]);
        TreeEntry dir = new TreeEntry(
                TreeEntry.Type.DIRECTORY, "d".getBytes(), 0755, 1, 2, 10, 5, 0, 0, 0, List.of(), new byte[0]);
        TreeEntry file = new TreeEntry(
                TreeEntry.Type.FILE,
                latin1,
                0640,
                3,
                4,
                20,
                999,
                5L << 30,
                77,
                88,
                List.of(new TreeEntry.Extent(0, 10, id), new TreeEntry.Extent(5L << 29, 100, id)),
                new byte[0]);
        TreeEntry link = new TreeEntry(
                TreeEntry.Type.SYMLINK,
                "d/l".getBytes(),
                0777,
                0,
                0,
                1,
                0,
                0,
                0,
                0,
                List.of(),
                "../../etc/passwd".getBytes());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TreeWriter w = new TreeWriter(out)) {
            w.write(dir);
            w.write(file);
            w.write(link);
        }
        try (TreeReader r = new TreeReader(new ByteArrayInputStream(out.toByteArray()))) {
            assertThat(r.next().path()).isEqualTo("d".getBytes());
            TreeEntry f = r.next();
            assertThat(f.path()).isEqualTo(latin1);
            assertThat(f.size()).isEqualTo(5L << 30);
            assertThat(f.extents()).containsExactlyElementsOf(file.extents());
            assertThat(f.storedLength()).isEqualTo(110);
            assertThat(f.displayPath()).isEqualTo("d/\\xe9t\\xff");
            TreeEntry l = r.next();
            assertThat(new String(l.target(), StandardCharsets.UTF_8)).isEqualTo("../../etc/passwd");
            assertThat(r.next()).isNull();
        }
    }

    @Test
    void namedPipesAndDeviceNodesRoundTripWithTheirNumbers() throws IOException {
        TreeEntry fifo =
                new TreeEntry(TreeEntry.Type.FIFO, "p".getBytes(), 0640, 1, 2, 10, 5, 0, 0, 0, List.of(), new byte[0]);
        TreeEntry chr = new TreeEntry(
                TreeEntry.Type.CHARACTER_DEVICE,
                "null".getBytes(),
                0666,
                0,
                0,
                10,
                5,
                0,
                0,
                0,
                List.of(),
                new byte[0],
                TreeEntry.device(1, 3));
        TreeEntry blk = new TreeEntry(
                TreeEntry.Type.BLOCK_DEVICE,
                "sda1".getBytes(),
                0660,
                0,
                6,
                10,
                5,
                0,
                0,
                0,
                List.of(),
                new byte[0],
                TreeEntry.device(259, 0xfffff));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TreeWriter w = new TreeWriter(out)) {
            w.write(fifo);
            w.write(chr);
            w.write(blk);
        }
        try (TreeReader r = new TreeReader(new ByteArrayInputStream(out.toByteArray()))) {
            TreeEntry p = r.next();
            assertThat(p.type()).isEqualTo(TreeEntry.Type.FIFO);
            assertThat(p.mode()).isEqualTo(0640);
            assertThat(p.isDevice()).isFalse();
            TreeEntry c = r.next();
            assertThat(c.type()).isEqualTo(TreeEntry.Type.CHARACTER_DEVICE);
            assertThat(c.device() >>> 32).isEqualTo(1);
            assertThat(c.device() & 0xffffffffL).isEqualTo(3);
            TreeEntry b = r.next();
            assertThat(b.isDevice()).isTrue();
            assertThat(b.device()).isEqualTo(TreeEntry.device(259, 0xfffff));
            assertThat(r.next()).isNull();
        }
    }

    @Test
    void refusesATruncatedTree() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TreeWriter w = new TreeWriter(out)) {
            w.write(new TreeEntry(
                    TreeEntry.Type.DIRECTORY, "abc".getBytes(), 0755, 0, 0, 0, 0, 0, 0, 0, List.of(), new byte[0]));
        }
        byte[] cut = Arrays.copyOf(out.toByteArray(), 10);
        try (TreeReader r = new TreeReader(new ByteArrayInputStream(cut))) {
            assertThatThrownBy(r::next).hasMessageContaining("truncated");
        }
    }

    /** A tree of one file, written field by field as a crafting agent could: {@code size}, then its extents. */
    private static byte[] craftedFile(int mode, long size, long[] offsets, int[] lengths, int claimedCount)
            throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        java.io.DataOutputStream out = new java.io.DataOutputStream(bytes);
        out.write(TreeWriter.MAGIC);
        out.writeByte(2); // FILE
        out.writeInt(1);
        out.write('f');
        out.writeInt(mode);
        out.writeInt(0);
        out.writeInt(0);
        out.writeLong(0);
        out.writeInt(0);
        out.writeLong(size);
        out.writeLong(1);
        out.writeLong(1);
        out.writeInt(claimedCount);
        for (int i = 0; i < offsets.length; i++) {
            out.writeLong(offsets[i]);
            out.writeInt(lengths[i]);
            out.write(new byte[ChunkId.LENGTH]);
        }
        out.writeByte(0);
        return bytes.toByteArray();
    }

    private static TreeEntry readOne(byte[] tree) throws IOException {
        try (TreeReader r = new TreeReader(new ByteArrayInputStream(tree))) {
            return r.next();
        }
    }

    @Test
    void refusesCraftedFileEntriesBeforeARestoreActsOnThem() throws IOException {
        assertThat(readOne(craftedFile(0644, 10, new long[] {0}, new int[] {10}, 1))
                        .size())
                .isEqualTo(10);
        // an extent whose end wraps around past Long.MAX_VALUE would pass a plain "offset + length > size"
        assertThatThrownBy(() -> readOne(craftedFile(0644, 100, new long[] {Long.MAX_VALUE - 1}, new int[] {10}, 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> readOne(craftedFile(0644, -1, new long[0], new int[0], 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad size");
        assertThatThrownBy(() -> readOne(craftedFile(0644, (1L << 50) + 1, new long[0], new int[0], 0)))
                .hasMessageContaining("bad size");
        assertThatThrownBy(() -> readOne(
                        craftedFile(0644, 1L << 30, new long[] {0}, new int[] {ChunkSealer.MAX_PLAIN_LENGTH + 1}, 1)))
                .hasMessageContaining("bad extent");
        assertThatThrownBy(() -> readOne(craftedFile(0104755, 10, new long[] {0}, new int[] {10}, 1)))
                .hasMessageContaining("bad mode");
        // a count of 16 M extents with none behind it: truncated, without an array allocated for 16 M first
        assertThatThrownBy(() -> readOne(craftedFile(0644, 1L << 40, new long[0], new int[0], TreeReader.MAX_EXTENTS)))
                .hasMessageContaining("truncated");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/etc/passwd", "../x", "a/../../x", "a/./b", "a//b", "a/", ".", ".."})
    void refusesPathsThatCouldLeaveTheTarget(String path) {
        assertThatThrownBy(() -> TreePaths.checkSafe(path.getBytes())).isInstanceOf(UnsafePathException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "a/b/c", "..a", "a..", ".hidden/x", "a b/ü"})
    void acceptsOrdinaryPaths(String path) {
        TreePaths.checkSafe(path.getBytes(StandardCharsets.UTF_8));
    }
}
