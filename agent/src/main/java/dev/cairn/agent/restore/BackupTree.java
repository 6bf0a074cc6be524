package dev.cairn.agent.restore;

import dev.cairn.agent.platform.PlatformClient;
import dev.cairn.agent.platform.PlatformException;
import dev.cairn.api.agent.backup.BackupPhase;
import dev.cairn.api.agent.backup.BackupView;
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
    static BackupView restorable(PlatformClient platform, UUID backup) {
        BackupView b = platform.backup(backup);
        BackupPhase phase = b.phase();
        if (!phase.restorable()) {
            throw new PlatformException(
                    409,
                    "backup " + backup + " is " + phase
                            + "; only Completed and PartiallyFailed backups can be restored or verified");
        }
        return b;
    }

    /** Fetches the tree into {@code file}, root chunk after root chunk. */
    static void fetch(PlatformClient platform, ChunkFetcher fetcher, BackupView backup, Path file) throws IOException {
        List<ChunkId> root = new ArrayList<>();
        backup.root().forEach(id -> root.add(ChunkId.parse(id)));
        Map<ByteBuffer, byte[]> parts = new HashMap<>();
        ChunkFetcher.AllOrNothing reading = new ChunkFetcher.AllOrNothing("tree chunk") {
            @Override
            public synchronized void chunk(ChunkId id, byte[] plaintext) {
                parts.put(ByteBuffer.wrap(id.bytes()), plaintext);
            }
        };
        fetcher.fetch(backup.id(), root.stream().distinct().toList(), reading);
        reading.check("cannot read the backup's file tree");
        try (var out = Files.newOutputStream(file)) {
            for (ChunkId id : root) {
                out.write(parts.get(ByteBuffer.wrap(id.bytes())));
            }
        }
    }
}
