package dev.cairn.it.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Seeded source folders the backup tests share. */
public final class Datasets {
    private Datasets() {}

    /** Four random files of about 2 MiB and 200 small text files, the same on every run (seed 5). */
    public static Path dataset(Path dir) throws Exception {
        Files.createDirectories(dir.resolve("small"));
        Random random = new Random(5);
        for (int i = 0; i < 4; i++) {
            byte[] data = new byte[(2 << 20) + i * 100_000];
            random.nextBytes(data);
            Files.write(dir.resolve("random-" + i + ".bin"), data);
        }
        for (int i = 0; i < 200; i++) {
            Files.writeString(dir.resolve("small").resolve("s" + i + ".txt"), "small " + i + " " + random.nextLong());
        }
        return dir;
    }
}
