/**
 * Quota enforcement: a new backup is refused at the tenant's limit, and ingest writes no pack for a tenant at it
 * (docs/adr/0016-quota-enforcement-at-the-pack-commit.md). Restores, verification and deletion never look here.
 */
package dev.cairn.ingest.quota;
