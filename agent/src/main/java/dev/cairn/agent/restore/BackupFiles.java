package dev.cairn.agent.restore;

import dev.cairn.agent.credentials.AgentCredentials;
import dev.cairn.agent.platform.PlatformClient;
import dev.cairn.api.agent.backup.BackupView;
import dev.cairn.data.chunk.ChunkId;
import dev.cairn.data.chunk.ChunkSealer;
import dev.cairn.data.tree.TreeEntry;
import dev.cairn.data.tree.TreeReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Reads some files of a backup into memory: what a resource restore needs (object files are small). Every chunk's
 * id is checked as in a restore; a damaged or missing chunk fails the read, naming it.
 */
public final class BackupFiles {
    private record Target(byte[] file, long offset) {}

    private BackupFiles() {}

    /**
     * The files of {@code backupId} whose path {@code wanted} accepts, by path; fails when they hold more than
     * {@code maxBytes} together.
     */
    public static Map<String, byte[]> read(
            AgentCredentials credentials,
            PlatformClient platform,
            Path state,
            UUID backupId,
            Predicate<String> wanted,
            long maxBytes)
            throws IOException {
        BackupView backup = BackupTree.restorable(platform, backupId);
        ChunkFetcher fetcher = new ChunkFetcher(platform, new ChunkSealer(credentials.chunkKeys()), 2);
        Path work = Files.createDirectories(state.resolve("work"));
        Path tree = work.resolve("files-" + backupId + ".tree");
        Map<String, byte[]> files = new LinkedHashMap<>();
        Map<ChunkId, List<Target>> targets = new HashMap<>();
        try {
            BackupTree.fetch(platform, fetcher, backup, tree);
            long total = 0;
            try (InputStream in = Files.newInputStream(tree);
                    TreeReader reader = new TreeReader(in)) {
                for (TreeEntry e = reader.next(); e != null; e = reader.next()) {
                    String path = new String(e.path(), StandardCharsets.UTF_8);
                    if (e.type() != TreeEntry.Type.FILE || !wanted.test(path)) {
                        continue;
                    }
                    total += e.size();
                    if (total > maxBytes || e.size() > Integer.MAX_VALUE - 16) {
                        throw new IOException(
                                "the files to read from backup " + backupId + " hold more than " + maxBytes + " bytes");
                    }
                    byte[] data = new byte[(int) e.size()];
                    files.put(path, data);
                    for (TreeEntry.Extent x : e.extents()) {
                        targets.computeIfAbsent(x.id(), k -> new ArrayList<>(1)).add(new Target(data, x.offset()));
                    }
                }
            }
        } finally {
            Files.deleteIfExists(tree);
        }
        ChunkFetcher.AllOrNothing reading = new ChunkFetcher.AllOrNothing("chunk") {
            @Override
            public void chunk(ChunkId id, byte[] plaintext) {
                for (Target t : targets.get(id)) {
                    System.arraycopy(plaintext, 0, t.file(), (int) t.offset(), plaintext.length);
                }
            }
        };
        fetcher.fetch(backupId, new ArrayList<>(targets.keySet()), reading);
        reading.check("cannot read backup " + backupId);
        return files;
    }
}
