/** Backups: started by an agent, committed with their manifest, Completed once every chunk they reference is durable; restore plans with pre-signed URLs. */
package dev.cairn.ingest.backup;
