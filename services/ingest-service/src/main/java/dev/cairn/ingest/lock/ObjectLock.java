package dev.cairn.ingest.lock;

import java.time.Instant;

/** Object lock in a region's store: whether it can hold objects, and holding one until a date. */
public interface ObjectLock {

    /** Whether a region's store locks objects. */
    enum Support {
        /** Its bucket has object lock enabled: objects can be held. */
        Available,
        /** The store knows object lock, but the bucket was made without it (it can only be enabled at creation). */
        NotEnabled,
        /** The store does not implement object lock (it answers 501 Not Implemented; the local s3proxy does). */
        Unsupported
    }

    /**
     * What the store said about object lock.
     *
     * @param support whether objects can be held
     * @param detail the store's answer, for the refusal a tenant reads
     */
    record Capability(Support support, String detail) {
        public boolean available() {
            return support == Support.Available;
        }
    }

    /** Asks the region's store (answers may be cached for a while). */
    Capability capability(String region);

    /** Holds the object at {@code key} in the region's bucket until {@code until} in {@code mode}. */
    void retain(String region, String key, Instant until, LockMode mode);
}
