package dev.cairn.tenant.tenant;

/**
 * Where a tenant is in its life. Transitions: Active to PendingDeletion and back; PendingDeletion to Purging (the
 * grace period over, the purge has begun: no way back); Purging to Deleted. Each is a conditional update, so that a
 * cancel and the purge cannot both win.
 */
public enum TenantPhase {
    /** Signed up and usable: backups run, restores run. */
    Active,
    /** Deletion requested: nothing new runs; an administrator may still cancel until the grace period ends. */
    PendingDeletion,
    /**
     * The purge has begun (its first irreversible step may have run): a cancel is refused, and the purge is retried
     * until it ends.
     */
    Purging,
    /** Hard-deleted: keys destroyed, objects and users removed; only this tombstone row remains. */
    Deleted
}
