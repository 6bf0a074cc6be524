package dev.cairn.tenant.command;

/**
 * Where a command is. QUEUED to DELIVERED to RUNNING to one of the final phases; QUEUED or DELIVERED straight to
 * CANCELLED; a DELIVERED command whose lease runs out before the agent starts it is delivered again.
 */
public enum CommandPhase {
    /** Waiting for the cluster's agent to poll. */
    QUEUED,
    /** Handed to the agent, which has not said it started; delivered again when its lease runs out. */
    DELIVERED,
    /** The agent is working on it and reports progress. */
    RUNNING,
    /** Done without errors. */
    SUCCEEDED,
    /** Done, but some items failed; the report lists them. */
    PARTIALLY_FAILED,
    /** Nothing useful was done; the message says why. */
    FAILED,
    /** Cancelled by the tenant before it finished. */
    CANCELLED;

    /** Whether nothing more happens to the command. */
    public boolean isFinal() {
        return this == SUCCEEDED || this == PARTIALLY_FAILED || this == FAILED || this == CANCELLED;
    }
}
