package dev.cairn.agent.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RawPathsTest {

    @TempDir
    Path tmp;

    @Test
    void aNameThatIsNotUtf8KeepsItsBytesThroughListingAndCreation() throws Exception {
        assertThat(RawPaths.exact())
                .as("the test JVM runs with the agent's --add-opens")
                .isTrue();
        byte[] name = {'a', (byte) 0xff, (byte) 0xfe, 'z'};
        Files.writeString(tmp.resolve(RawPaths.path(name)), "x");
        List<Path> listed = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(tmp)) {
            s.forEach(listed::add);
        }
        assertThat(listed).hasSize(1);
        assertThat(RawPaths.bytes(listed.get(0).getFileName())).isEqualTo(name);
        // what Java's own text would give: the bytes are lost
        assertThat(listed.get(0).getFileName().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .isNotEqualTo(name);
    }
}
