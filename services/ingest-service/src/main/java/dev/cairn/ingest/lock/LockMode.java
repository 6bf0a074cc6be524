package dev.cairn.ingest.lock;

/** S3 object lock's retention modes. */
public enum LockMode {
    /** Nobody, the bucket's owner included, can shorten or remove the retention before it ends. */
    COMPLIANCE,
    /** A principal allowed {@code s3:BypassGovernanceRetention} can; everyone else cannot. */
    GOVERNANCE
}
