package dev.cairn.recovery.recovery;

/**
 * Where a recovery is, spelled as every phase of Cairn is (Velero's style). Planned to Staging to Restoring to
 * Verifying to Completed or PartiallyFailed; any state before the end to Failed or Cancelled. Every transition is
 * recorded with its time and reason.
 */
public enum RecoveryPhase {
    /** Recorded with its backup and target; no step taken yet. */
    Planned,
    /** Choosing the region to restore from: the first of home and DR that holds the whole backup, pinned. */
    Staging,
    /** The RESTORE command is with the target cluster's agent; its progress is followed. */
    Restoring,
    /** The restore ended: its report is checked against the backup and a sample of chunks is re-read. */
    Verifying,
    /** Restored and verified. */
    Completed,
    /** Restored, but some objects or volumes failed, or the verification found a problem; the reason says. */
    PartiallyFailed,
    /** Nothing useful was restored (no region holds the backup whole, the agent failed or never started it). */
    Failed,
    /** Cancelled by the tenant before it ended. */
    Cancelled;

    /** Whether nothing more happens to the recovery. */
    public boolean isFinal() {
        return this == Completed || this == PartiallyFailed || this == Failed || this == Cancelled;
    }
}
