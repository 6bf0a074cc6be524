/** Rebuilding a tenant's catalog from its bucket alone: pack indexes and backup manifests describe everything. */
package dev.cairn.ingest.rebuild;
