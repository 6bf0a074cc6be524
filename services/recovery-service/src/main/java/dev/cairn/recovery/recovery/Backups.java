package dev.cairn.recovery.recovery;

import dev.cairn.api.agent.backup.BackupPhase;
import java.util.Optional;
import java.util.UUID;

/** The caller's backups, as far as a recovery needs them (asked with the caller's own token). */
public interface Backups {
    /**
     * A backup as a recovery sees it.
     *
     * @param phase its phase: only Completed and PartiallyFailed backups restore
     */
    record Summary(UUID id, UUID clusterId, BackupPhase phase) {}

    /** The caller's backup of that id; empty when none. */
    Optional<Summary> own(UUID backupId);

    /** The caller's latest Completed backup of a cluster; empty when there is none. */
    Optional<Summary> latestCompleted(UUID clusterId);
}
