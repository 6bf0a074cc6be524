package dev.cairn.recovery.orchestration;

import dev.cairn.api.agent.backup.BackupPhase;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A backup as a recovery's source: which regions hold it whole, the pin of a restore's region, a re-read sample. */
public interface Sources {
    /**
     * Whether one region holds the backup whole.
     *
     * @param role {@code home} or {@code dr}
     * @param objects the backup's objects (packs, indexes, manifest)
     * @param present how many are there as recorded
     * @param problems the first few missing or differing objects
     */
    record RegionState(
            String region, String role, boolean answers, int objects, int present, long bytes, List<String> problems) {
        /** Whether a restore can read the whole backup from this region. */
        public boolean whole() {
            return answers && present == objects;
        }
    }

    /** The backup's phase and its regions, home first. */
    record Source(BackupPhase phase, List<RegionState> regions) {}

    /** A sample of chunks re-read from a region. */
    record Sample(String region, int sampled, int passed, long bytes, List<String> problems) {}

    /** The backup and its regions; {@link Gone} when the tenant has no such backup any more. */
    Source source(UUID tenantId, UUID backupId);

    /** Pins the region restores of the backup read from. */
    void pin(UUID tenantId, UUID backupId, String region, Instant until);

    /** Ends the pin (none is fine; a deleted backup is fine). */
    void unpin(UUID tenantId, UUID backupId);

    /** Re-reads {@code chunks} of the backup's chunks, chosen at random, from {@code region}. */
    Sample sample(UUID tenantId, UUID backupId, String region, int chunks);

    /** The backup does not exist (any more). */
    final class Gone extends RuntimeException {
        public Gone() {
            super("gone", null, false, false);
        }
    }
}
