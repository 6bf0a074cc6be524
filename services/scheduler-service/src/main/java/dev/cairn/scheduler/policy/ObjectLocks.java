package dev.cairn.scheduler.policy;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Immutable backups, held by the ingest service's object lock (ADR 0033). */
public interface ObjectLocks {

    /** Why the tenant's backups cannot be made immutable now; empty when they can. */
    Optional<String> unavailable(UUID tenantId);

    /**
     * Holds a completed backup immutable until {@code until} and answers until when it is held.
     *
     * @throws Refused when the ingest service refuses for good (object lock unavailable, backup not restorable)
     * @throws RuntimeException when it did not answer (asked again later)
     */
    Instant lock(UUID tenantId, UUID backupId, Instant until);

    /** A refusal that asking again will not change. */
    final class Refused extends RuntimeException {
        public Refused(String detail) {
            super(detail, null, false, false);
        }
    }
}
