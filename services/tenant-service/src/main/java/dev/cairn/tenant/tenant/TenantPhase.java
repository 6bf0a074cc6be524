package dev.cairn.tenant.tenant;

/** Where a tenant is in its life. Transitions: ACTIVE to PENDING_DELETION and back; PENDING_DELETION to DELETED. */
public enum TenantPhase {
    /** Signed up and usable: backups run, restores run. */
    ACTIVE,
    /** Deletion requested: nothing new runs; an administrator may still cancel until the grace period ends. */
    PENDING_DELETION,
    /** Hard-deleted: keys destroyed, objects and users removed; only this tombstone row remains. */
    DELETED
}
