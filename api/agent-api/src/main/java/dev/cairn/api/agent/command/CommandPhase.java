package dev.cairn.api.agent.command;

import dev.cairn.api.agent.Outcome;

/**
 * Where a command is, spelled as every phase of Cairn is (Velero's style). Queued to Delivered to Running to one of
 * the final phases; Queued or Delivered straight to Cancelled; a Delivered command whose lease runs out before the
 * agent starts it is delivered again.
 */
public enum CommandPhase {
    /** Waiting for the cluster's agent to poll. */
    Queued,
    /** Handed to the agent, which has not said it started; delivered again when its lease runs out. */
    Delivered,
    /** The agent is working on it and reports progress. */
    Running,
    /** Done without errors. */
    Completed,
    /** Done, but some items failed; the report lists them. */
    PartiallyFailed,
    /** Nothing useful was done; the message says why. */
    Failed,
    /** Cancelled by the tenant before it finished. */
    Cancelled;

    /** Whether nothing more happens to the command. */
    public boolean isFinal() {
        return this == Completed || this == PartiallyFailed || this == Failed || this == Cancelled;
    }

    /** The command phase of a run that ended with {@code outcome}. */
    public static CommandPhase of(Outcome outcome) {
        return switch (outcome) {
            case Completed -> Completed;
            case PartiallyFailed -> PartiallyFailed;
            case Failed -> Failed;
        };
    }
}
