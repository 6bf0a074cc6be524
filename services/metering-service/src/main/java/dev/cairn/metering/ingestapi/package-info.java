/** Ingest's internal stored-bytes API, as metering's reconciliation calls it (the HTTP edge of {@code reconcile}). */
package dev.cairn.metering.ingestapi;
