package dev.cairn.scheduler.expiry;

import java.util.UUID;

/** The tenants' backups as far as retention acts on them. */
public interface Backups {
    /** Deletes a backup; true when it is gone (also when it was gone already). */
    boolean delete(UUID tenantId, UUID backupId);
}
