package dev.cairn.ingest.replication;

import java.time.Duration;

/** What became of a task: the queue records it in the task's transaction. */
public sealed interface Outcome {
    /** The object was copied to {@code region} and checked: {@code size} bytes with that MD5 (hex). */
    record Copied(String region, long size, String md5) implements Outcome {}

    /** The object's copies are deleted. */
    record Deleted() implements Outcome {}

    /** Nothing to do, for {@code reason} (no DR region, object or tenant gone, copied already). */
    record Dropped(String reason) implements Outcome {}

    /**
     * Not done now; tried again after {@code delay}.
     *
     * @param attempted false when the task was not tried at all (its region is known not to answer)
     */
    record Retry(String error, Duration delay, boolean attempted) implements Outcome {}
}
