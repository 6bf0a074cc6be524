package dev.cairn.testing.servers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaClusterIdTest {
    @TempDir
    Path dir;

    @Test
    void aNewFolderGetsAnIdThatCannotBeReadAsAnOption() throws IOException {
        for (int i = 0; i < 2_000; i++) {
            Path idFile = dir.resolve("cluster-" + i + ".id");
            String id = KafkaServer.clusterId(idFile, dir.resolve("none"));
            assertThat(id).hasSize(22).doesNotStartWith("-");
            assertThat(Files.readString(idFile)).isEqualTo(id);
        }
    }

    @Test
    void aKeptIdIsKeptEvenWhenItBeginsWithADash() throws IOException {
        Path idFile = dir.resolve("cluster.id");
        Files.writeString(idFile, "-hQAUmT9Rm2x1cQnTq0D3w\n");
        assertThat(KafkaServer.clusterId(idFile, dir.resolve("none"))).isEqualTo("-hQAUmT9Rm2x1cQnTq0D3w");
    }

    @Test
    void anIdKafkaCannotReadIsReplacedUnlessTheStorageIsFormattedWithIt() throws IOException {
        Path idFile = dir.resolve("cluster.id");
        Files.writeString(idFile, "not an id");
        String replaced = KafkaServer.clusterId(idFile, dir.resolve("meta.properties"));
        assertThat(replaced).isNotEqualTo("not an id").hasSize(22);

        Files.writeString(idFile, "not an id");
        Files.writeString(dir.resolve("meta.properties"), "cluster.id=not an id\n");
        assertThat(KafkaServer.clusterId(idFile, dir.resolve("meta.properties")))
                .isEqualTo("not an id");
    }
}
