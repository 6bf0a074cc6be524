import dev.cairn.agent.fs.DataRegions;
import dev.cairn.agent.source.LocalDirectorySource;
import dev.cairn.agent.source.Source;
import dev.cairn.agent.source.SourceEntry;
import dev.cairn.data.chunk.ChunkId;
import dev.cairn.data.chunk.ChunkKeys;
import dev.cairn.data.chunk.ChunkSealer;
import dev.cairn.data.chunking.Chunker;
import dev.cairn.data.chunking.FastCdc;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The agent's per-file work without a platform: walk a folder (one status call per entry), read each file, cut it
 * (FastCDC), hash (keyed id) and seal (zstd, AES-GCM) every chunk, as a backup of new files does; the sealed chunks
 * are dropped. Prints each round's time and, at the end, the CPU-seconds of the process's threads (the JIT compiler
 * threads' share is what a fresh JVM pays). Run by bench/agent-files.sh. Args: FOLDER [ROUNDS].
 */
public class AgentFiles {
    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        ChunkSealer sealer = new ChunkSealer(new ChunkKeys(UUID.randomUUID(), new byte[32], new byte[32]));
        FastCdc cdc = FastCdc.standard();
        byte[] buffer = new byte[cdc.maxSize() * 2];
        for (int round = 0; round < rounds; round++) {
            long started = System.nanoTime();
            long[] counts = {0, 0, 0}; // entries, bytes read, bytes sealed
            new LocalDirectorySource(folder).walk(new Source.Visitor() {
                @Override
                public void entry(SourceEntry e) throws IOException {
                    counts[0]++;
                    if (e.content() == null) {
                        return;
                    }
                    for (DataRegions.Region region : e.content().regions()) {
                        try (InputStream in = e.content().open(region)) {
                            Chunker chunker = new Chunker(cdc, in, buffer);
                            for (Chunker.Chunk c = chunker.next(); c != null; c = chunker.next()) {
                                ChunkId id = sealer.id(c.data(), c.offset(), c.length());
                                counts[1] += c.length();
                                counts[2] += sealer.seal(id, c.data(), c.offset(), c.length())
                                        .envelope()
                                        .length;
                            }
                        }
                    }
                    e.content().changedSinceWalk();
                }

                @Override
                public void warning(byte[] path, String message) {}

                @Override
                public void error(byte[] path, String message) {}
            });
            System.out.printf(
                    "  round %d: %,d entries, %,d bytes read, %,d sealed, %.2f s%n",
                    round + 1, counts[0], counts[1], counts[2], (System.nanoTime() - started) / 1e9);
        }
        for (File task : new File("/proc/self/task").listFiles()) {
            String stat = Files.readString(task.toPath().resolve("stat"));
            String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            if (ticks >= 10) {
                System.out.printf("  thread %-16s %6.2f CPU-s%n", name, ticks / 100.0);
            }
        }
    }
}
