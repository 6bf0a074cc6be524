package dev.cairn.agent.restore;

import dev.cairn.agent.credentials.AgentCredentials;
import dev.cairn.agent.platform.PlatformClient;
import dev.cairn.agent.progress.Progress;
import dev.cairn.api.agent.Outcome;
import dev.cairn.api.agent.backup.BackupView;
import dev.cairn.data.chunk.ChunkId;
import dev.cairn.data.chunk.ChunkSealer;
import dev.cairn.data.tree.TreeEntry;
import dev.cairn.data.tree.TreeReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Re-reads a backup's chunks from object storage (all of them, or a random sample) and opens each one: decrypts,
 * decompresses and recomputes its id. Reports every damaged or missing chunk with a file that uses it.
 */
public final class VerifyRun {
    /** What a verification found. */
    public record Result(UUID backup, Outcome phase, long checked, long bytes, List<String> damage, double seconds) {}

    private final PlatformClient platform;
    private final ChunkSealer sealer;
    private final Path state;
    private final Progress progress;
    private final int threads;

    public VerifyRun(
            AgentCredentials credentials, PlatformClient platform, Path state, Progress progress, int threads) {
        this.platform = platform;
        this.sealer = new ChunkSealer(credentials.chunkKeys());
        this.state = state;
        this.progress = progress;
        this.threads = threads;
    }

    /** Verifies {@code percent} (1 to 100) of the backup's data chunks, chosen at random, and its whole tree. */
    public Result run(UUID backupId, int percent) throws IOException {
        BackupView backup = BackupTree.restorable(platform, backupId);
        ChunkFetcher fetcher = new ChunkFetcher(platform, sealer, threads);
        Path tree = Files.createDirectories(state.resolve("work")).resolve("verify-" + backupId + ".tree");
        List<String> damage = Collections.synchronizedList(new ArrayList<>());
        try {
            try {
                BackupTree.fetch(platform, fetcher, backup, tree);
            } catch (IOException e) {
                damage.add(e.getMessage());
                return new Result(backupId, Outcome.Failed, 0, 0, damage, progress.seconds());
            }
            Map<ChunkId, String> usedBy = new LinkedHashMap<>();
            try (InputStream in = Files.newInputStream(tree);
                    TreeReader reader = new TreeReader(in)) {
                for (TreeEntry e = reader.next(); e != null; e = reader.next()) {
                    for (TreeEntry.Extent x : e.extents()) {
                        usedBy.putIfAbsent(x.id(), e.displayPath());
                    }
                }
            }
            List<ChunkId> ids = new ArrayList<>(usedBy.keySet());
            if (percent < 100) {
                Collections.shuffle(ids, new SecureRandom());
                ids = new ArrayList<>(ids.subList(0, (int) Math.ceil(ids.size() * percent / 100.0)));
            }
            progress.totalFiles.set(ids.size());
            long[] checked = {0};
            fetcher.fetch(backupId, ids, new ChunkFetcher.Handler() {
                @Override
                public void chunk(ChunkId id, byte[] plaintext) {
                    progress.files.incrementAndGet();
                    progress.bytes.addAndGet(plaintext.length);
                    synchronized (checked) {
                        checked[0]++;
                    }
                }

                @Override
                public void damaged(ChunkId id, String reason) {
                    progress.files.incrementAndGet();
                    synchronized (checked) {
                        checked[0]++;
                    }
                    damage.add("chunk " + id + " (in " + usedBy.get(id) + ") is damaged: " + reason);
                }

                @Override
                public void missing(ChunkId id) {
                    damage.add("chunk " + id + " (in " + usedBy.get(id) + ") is missing from the catalog");
                }
            });
            return new Result(
                    backupId,
                    damage.isEmpty() ? Outcome.Completed : Outcome.Failed,
                    checked[0],
                    progress.bytes.get(),
                    List.copyOf(damage),
                    progress.seconds());
        } finally {
            Files.deleteIfExists(tree);
        }
    }
}
