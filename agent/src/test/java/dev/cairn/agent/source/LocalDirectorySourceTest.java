package dev.cairn.agent.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.data.tree.TreeEntry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalDirectorySourceTest {

    @TempDir
    Path tmp;

    @Test
    void walksDirectoriesFirstInByteOrderAndStoresLinksWithoutFollowingThem() throws Exception {
        Files.createDirectories(tmp.resolve("b/inner"));
        Files.writeString(tmp.resolve("b/inner/file"), "x");
        Files.writeString(tmp.resolve("a"), "y");
        Files.createSymbolicLink(tmp.resolve("c"), Path.of("b"));
        List<String> seen = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        new LocalDirectorySource(tmp).walk(new Source.Visitor() {
            @Override
            public void entry(SourceEntry e) {
                seen.add(e.type() + " " + new String(e.path(), StandardCharsets.UTF_8)
                        + (e.type() == TreeEntry.Type.SYMLINK
                                ? " -> " + new String(e.target(), StandardCharsets.UTF_8)
                                : ""));
            }

            @Override
            public void warning(byte[] path, String message) {
                warnings.add(message);
            }

            @Override
            public void error(byte[] path, String message) {
                warnings.add(message);
            }
        });
        assertThat(seen)
                .containsExactly("FILE a", "DIRECTORY b", "DIRECTORY b/inner", "FILE b/inner/file", "SYMLINK c -> b");
        assertThat(warnings).isEmpty();
    }
}
