/**
 * Cross-region replication: the tasks the catalog writes with every object it commits or forgets
 * ({@code pack.ReplicationOutbox}) are carried out in the tenant's DR region, each checked after the copy, and the
 * tenant's lag (oldest pending task, bytes behind) is measured (docs/adr/0017-replication-from-a-queue-in-the-catalog.md).
 */
package dev.cairn.ingest.replication;
