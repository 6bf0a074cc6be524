package dev.cairn.metering.billing;

/** Where a statements run is. */
public enum StatementRunPhase {
    /** Computing drafts and finalizing due statements now. */
    Running,
    /** Done: its counts say what it made (tenants it skipped, with the first reasons, are in its messages). */
    Completed,
    /** Stopped by an error (in its messages), or its instance stopped while it ran; the next run does its work. */
    Failed
}
