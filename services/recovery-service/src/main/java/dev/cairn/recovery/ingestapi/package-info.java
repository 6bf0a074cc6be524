/** Ingest as the recovery service calls it (the HTTP edge of {@code recovery} and {@code orchestration}). */
package dev.cairn.recovery.ingestapi;
