/** Garbage collection: packs in object storage that no catalog row names (left by a crash between upload and commit). */
package dev.cairn.ingest.gc;
