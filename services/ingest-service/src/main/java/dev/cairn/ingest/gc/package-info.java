/** Garbage collection: chunks no backup references and the packs that hold them (mark, sweep, rewrite; ADR 0015), and orphan packs left by a crash between upload and commit. */
package dev.cairn.ingest.gc;
