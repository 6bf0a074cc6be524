package dev.cairn.api.agent.backup;

import dev.cairn.api.agent.Outcome;

/** Where a backup is in its life; the catalog stores the name. */
public enum BackupPhase {
    /** The agent is reading its source and sending chunks. */
    InProgress,
    /** The agent sent its manifest; some referenced chunks are not durable in the catalog yet. */
    Committing,
    /** Every referenced chunk is durable: the backup restores byte for byte. */
    Completed,
    /** Durable like Completed, but the agent could not read some files (listed in the backup's messages). */
    PartiallyFailed,
    /** The agent gave up (its reason is kept); nothing of it is restorable. */
    Failed;

    /** True when nothing more happens to the backup by itself (it may still be deleted). */
    public boolean isFinal() {
        return this != InProgress && this != Committing;
    }

    /** True when the backup can be restored. */
    public boolean restorable() {
        return this == Completed || this == PartiallyFailed;
    }

    /** How a backup run that ended in this phase went: Committing and InProgress count as Failed. */
    public Outcome outcome() {
        return switch (this) {
            case Completed -> Outcome.Completed;
            case PartiallyFailed -> Outcome.PartiallyFailed;
            default -> Outcome.Failed;
        };
    }
}
