package dev.cairn.agent.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataRegionsTest {

    @TempDir
    Path tmp;

    @Test
    void aSparseFileIsReadAsItsDataRegionsOnly() throws Exception {
        Path file = tmp.resolve("sparse");
        long size = 1L << 30;
        try (FileChannel f = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            f.write(ByteBuffer.wrap(new byte[] {1, 2, 3}), 100L << 20);
            f.write(ByteBuffer.wrap(new byte[] {4}), size - 1);
        }
        var regions = DataRegions.of(RawPaths.bytes(file.toAbsolutePath()), size);
        long data = regions.stream().mapToLong(DataRegions.Region::length).sum();
        assertThat(regions).hasSize(2);
        assertThat(data).isLessThan(1 << 20);
        assertThat(regions.get(0).start()).isLessThanOrEqualTo(100L << 20);
        assertThat(regions.get(0).end()).isGreaterThanOrEqualTo((100L << 20) + 3);
        assertThat(regions.get(1).end()).isEqualTo(size);
    }

    @Test
    void aFileWithoutHolesIsOneRegion() throws Exception {
        Path file = Files.write(tmp.resolve("dense"), new byte[300_000]);
        assertThat(DataRegions.of(RawPaths.bytes(file.toAbsolutePath()), 300_000))
                .containsExactly(new DataRegions.Region(0, 300_000));
    }
}
