import dev.cairn.agent.fs.AnchoredFiles;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A restore's file-system calls alone: N files of 4 KiB under 100 × 2 directories, each made at its length and then
 * written, through the target's descriptor ({@link AnchoredFiles}, what restores do on Linux) and, as the baseline in
 * the same JVM, by path with {@code FileChannel} (what they did before). Three rounds: the first is a fresh JVM's.
 */
public class RestoreWrites {
    public static void main(String[] args) throws Exception {
        int files = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        byte[] data = new byte[4096];
        for (int round = 1; round <= 3; round++) {
            Path anchoredRoot = Files.createTempDirectory("restore-anchored");
            Path pathRoot = Files.createTempDirectory("restore-path");
            long start = System.nanoTime();
            try (AnchoredFiles target = AnchoredFiles.open(anchoredRoot)) {
                for (int d = 0; d < 100; d++) {
                    target.mkdir(("d" + d).getBytes());
                    target.mkdir(("d" + d + "/e").getBytes());
                }
                for (int i = 0; i < files; i++) {
                    byte[] p = ("d" + (i % 100) + "/e/f" + i).getBytes();
                    target.create(p, data.length);
                    target.write(p, data, 0);
                }
            }
            long anchored = System.nanoTime() - start;
            start = System.nanoTime();
            for (int d = 0; d < 100; d++) {
                Files.createDirectory(pathRoot.resolve("d" + d));
                Files.createDirectory(pathRoot.resolve("d" + d + "/e"));
            }
            for (int i = 0; i < files; i++) {
                Path p = pathRoot.resolve("d" + (i % 100) + "/e/f" + i);
                try (FileChannel c = FileChannel.open(
                        p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                    c.write(ByteBuffer.allocate(1), data.length - 1);
                }
                try (FileChannel c = FileChannel.open(p, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                    c.write(ByteBuffer.wrap(data), 0);
                }
            }
            long byPath = System.nanoTime() - start;
            System.out.printf(
                    "round %d: %d files: anchored %.0f ms, by path (baseline) %.0f ms, ratio %.2f%n",
                    round, files, anchored / 1e6, byPath / 1e6, (double) anchored / byPath);
        }
    }
}
