package dev.cairn.cli;

import dev.cairn.api.agent.Outcome;
import dev.cairn.api.agent.command.CommandPhase;

/** The exit statuses of {@code cairn}, the same for every command (and documented in its help). */
public final class ExitStatus {
    /** Done: the command, or the backup, restore or verify it ran, completed. */
    public static final int OK = 0;
    /** Failed: the platform refused, could not be reached, or the run failed; the message says why. */
    public static final int FAILED = 1;
    /** A usage error: an unknown option, a missing or malformed argument; nothing was done. */
    public static final int USAGE = 2;
    /** Partially failed: the run finished, but some items failed (listed in its report). */
    public static final int PARTIALLY_FAILED = 3;

    private ExitStatus() {}

    /** The exit status of a run that ended with {@code outcome}. */
    public static int of(Outcome outcome) {
        return switch (outcome) {
            case Completed -> OK;
            case PartiallyFailed -> PARTIALLY_FAILED;
            case Failed -> FAILED;
        };
    }

    /** The exit status of a command that ended in {@code phase} (a cancelled command counts as failed). */
    public static int of(CommandPhase phase) {
        return switch (phase) {
            case Completed -> OK;
            case PartiallyFailed -> PARTIALLY_FAILED;
            default -> FAILED;
        };
    }
}
