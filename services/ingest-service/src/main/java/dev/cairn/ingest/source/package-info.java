/**
 * A recovery's source (docs/adr/0018-recoveries-are-a-persisted-state-machine-that-chooses-its-region.md): which of a tenant's regions hold a backup
 * whole (every pack, pack index and manifest present and as recorded), the region a restore is pinned to, and a
 * sample of the backup's chunks re-read from it. Internal API for the recovery service.
 */
package dev.cairn.ingest.source;
