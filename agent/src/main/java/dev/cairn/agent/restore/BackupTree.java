package dev.cairn.agent.restore;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.agent.platform.PlatformClient;
import dev.cairn.agent.platform.PlatformException;
import dev.cairn.data.chunk.ChunkId;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A restorable backup's record and its file tree, fetched from its root chunks into a local file. */
final class BackupTree {
    private BackupTree() {}

    /** The backup as the platform describes it; refuses one that is not restorable. */
    static JsonNode restorable(PlatformClient platform, UUID backup) {
        JsonNode b = platform.backup(backup);
        String phase = b.path("phase").asText();
        if (!phase.equals("Completed") && !phase.equals("PartiallyFailed")) {
            throw new PlatformException(
                    409,
                    "backup " + backup + " is " + phase
                            + "; only Completed and PartiallyFailed backups can be restored or verified");
        }
        return b;
    }

    /** Fetches the tree into {@code file}, root chunk after root chunk. */
    static void fetch(PlatformClient platform, ChunkFetcher fetcher, JsonNode backup, Path file) throws IOException {
        List<ChunkId> root = new ArrayList<>();
        backup.path("root").forEach(id -> root.add(ChunkId.parse(id.asText())));
        Map<ByteBuffer, byte[]> parts = new HashMap<>();
        List<String> problems = new ArrayList<>();
        fetcher.fetch(
                UUID.fromString(backup.path("id").asText()),
                root.stream().distinct().toList(),
                new ChunkFetcher.Handler() {
                    @Override
                    public synchronized void chunk(ChunkId id, byte[] plaintext) {
                        parts.put(ByteBuffer.wrap(id.bytes()), plaintext);
                    }

                    @Override
                    public synchronized void damaged(ChunkId id, String reason) {
                        problems.add("tree chunk " + id + " is damaged: " + reason);
                    }

                    @Override
                    public synchronized void missing(ChunkId id) {
                        problems.add("tree chunk " + id + " is missing");
                    }
                });
        if (!problems.isEmpty()) {
            throw new IOException("cannot read the backup's file tree: " + String.join("; ", problems));
        }
        try (var out = Files.newOutputStream(file)) {
            for (ChunkId id : root) {
                out.write(parts.get(ByteBuffer.wrap(id.bytes())));
            }
        }
    }
}
