package dev.cairn.tenant.tenant;

/** Where a tenant is in its life. Transitions: Active to PendingDeletion and back; PendingDeletion to Deleted. */
public enum TenantPhase {
    /** Signed up and usable: backups run, restores run. */
    Active,
    /** Deletion requested: nothing new runs; an administrator may still cancel until the grace period ends. */
    PendingDeletion,
    /** Hard-deleted: keys destroyed, objects and users removed; only this tombstone row remains. */
    Deleted
}
