/** The ingest service as the scheduler calls it (the HTTP edge of {@code expiry}). */
package dev.cairn.scheduler.ingestapi;
