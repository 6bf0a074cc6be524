package dev.cairn.load.ingest;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Folders of files with random (incompressible, never deduplicated) contents for agents to back up, written fast
 * (a splittable generator, 1 MiB at a time): the data a load sends is new data, so that ingest does real work.
 */
public final class Datasets {
    private Datasets() {}

    /** Writes {@code files} files of {@code fileBytes} random bytes each under {@code dir} ({@code f00000.bin}, …). */
    public static long write(Path dir, int files, long fileBytes, SplittableRandom random) throws IOException {
        Files.createDirectories(dir);
        for (int i = 0; i < files; i++) {
            rewrite(dir.resolve(name(i)), fileBytes, random);
        }
        return files * fileBytes;
    }

    /** Gives {@code count} of the {@code files} files under {@code dir} new random contents (a small change). */
    public static void change(Path dir, int files, int count, long fileBytes, SplittableRandom random)
            throws IOException {
        for (int i = 0; i < count; i++) {
            rewrite(dir.resolve(name(random.nextInt(files))), fileBytes, random);
        }
    }

    static String name(int i) {
        return "f%05d.bin".formatted(i);
    }

    private static void rewrite(Path file, long bytes, SplittableRandom random) throws IOException {
        ByteBuffer block = ByteBuffer.allocate((int) Math.min(bytes, 1 << 20));
        try (OutputStream out = Files.newOutputStream(file)) {
            long left = bytes;
            while (left > 0) {
                block.clear();
                while (block.remaining() >= Long.BYTES) {
                    block.putLong(random.nextLong());
                }
                int n = (int) Math.min(left, block.position());
                out.write(block.array(), 0, n);
                left -= n;
            }
        }
    }
}
