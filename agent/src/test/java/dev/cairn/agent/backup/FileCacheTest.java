package dev.cairn.agent.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FileCacheTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void walkOrderIsADirectoryBeforeItsEntriesThenItsNextSibling() {
        // byte order alone would put "a-c" (0x2d) before "a/b" (0x2f); a walk visits a's entries first
        List<String> paths = new ArrayList<>(List.of("a-c", "a/b", "a", "b", "a/b/c", "a0", "A"));
        paths.sort((x, y) -> FileCache.compareWalkOrder(b(x), b(y)));
        assertThat(paths).containsExactly("A", "a", "a/b", "a/b/c", "a-c", "a0", "b");
    }

    @Test
    void namesCompareAsUnsignedBytes() {
        assertThat(FileCache.compareWalkOrder(new byte[] {'x', (byte) 0xe9}, new byte[] {'x', 'z'}))
                .isPositive();
        assertThat(FileCache.compareWalkOrder(b("same"), b("same"))).isZero();
    }
}
