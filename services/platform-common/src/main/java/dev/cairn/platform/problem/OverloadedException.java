package dev.cairn.platform.problem;

/**
 * Work that this instance runs in a bounded queue of its own found the queue full: answered {@code 503 overloaded}
 * with {@code Retry-After} (not the caller's fault, and not a bug).
 */
public class OverloadedException extends RuntimeException {
    /** @param what what is full, in a caller's words ("too many signups are being processed") */
    public OverloadedException(String what) {
        super(what);
    }
}
