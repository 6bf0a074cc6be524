package dev.cairn.recovery.recovery;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The caller's backup policies, as far as a recovery needs them (asked with the caller's own token). */
public interface Policies {
    /**
     * The backups of the caller's policy's newest Completed runs that retention has not deleted, newest first; empty
     * when the caller has no such policy.
     */
    Optional<List<UUID>> completedBackups(UUID policyId);
}
