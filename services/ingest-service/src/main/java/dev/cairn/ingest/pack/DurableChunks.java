package dev.cairn.ingest.pack;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * What else a commit does in its transaction once its chunks are durable: the backup catalog completes the backups
 * whose every chunk is now in the index, and fails those of a tenant whose packs its quota refused. Implemented
 * outside this package, so that packs do not know backups.
 */
public interface DurableChunks {
    /**
     * Runs inside the commit's transaction, after the chunk rows of the packs are written ({@code chunks}: each
     * tenant's chunk ids, raw): only a backup that references one of them can have become complete.
     */
    void chunksDurable(Connection transaction, java.util.Map<java.util.UUID, java.util.List<byte[]>> chunks)
            throws SQLException;

    /**
     * Runs inside the commit's transaction when packs of the tenant were refused at its limit: its unfinished backups
     * cannot complete and end Failed with {@code reason}.
     */
    void quotaReached(Connection transaction, java.util.UUID tenantId, String reason) throws SQLException;
}
