package dev.cairn.scheduler.run;

/** Where a policy's run is, and how it ended: the command phases' words, and Missed. */
public enum RunPhase {
    /** Its BACKUP command is queued for the cluster's agent. */
    Queued,
    /** The agent is taking the backup. */
    Running,
    /** The backup completed. */
    Completed,
    /** The backup completed, but some items failed (its report lists them). */
    PartiallyFailed,
    /** Nothing useful was done; the reason says why. */
    Failed,
    /**
     * The run did not happen: the scheduler was down past the planned time, the agent did not take it before the next
     * run (offline), or the previous run was still going; the reason says which.
     */
    Missed;

    /** Whether nothing more happens to the run. */
    public boolean isFinal() {
        return this != Queued && this != Running;
    }

    /** Whether the run counts as a failure of its policy (Failed or Missed). */
    public boolean isFailure() {
        return this == Failed || this == Missed;
    }
}
