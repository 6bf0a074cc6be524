package dev.cairn.api.agent;

/** How a finished run (a backup, a restore, one volume) ended; the same words as the final phases. */
public enum Outcome {
    /** Everything it was asked to do is done. */
    Completed,
    /** Done, but some items failed; the report lists them. */
    PartiallyFailed,
    /** Nothing useful was done; the message says why. */
    Failed
}
