package dev.cairn.data.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.data.chunk.ChunkId;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
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
