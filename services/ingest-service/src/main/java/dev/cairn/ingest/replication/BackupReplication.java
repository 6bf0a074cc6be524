package dev.cairn.ingest.replication;

import java.util.UUID;

/**
 * Whether a backup is protected in its tenant's DR region: every object committed up to its completion (its packs,
 * indexes and manifest among them) is copied there.
 *
 * @param backupId the backup
 * @param drRegion the tenant's DR region (null: not replicated)
 * @param protectedInDr true once all of it is copied (false while it runs, and without a DR region)
 */
public record BackupReplication(UUID backupId, String drRegion, boolean protectedInDr) {}
