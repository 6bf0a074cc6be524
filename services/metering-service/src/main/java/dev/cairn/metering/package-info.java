/**
 * The metering service: usage events counted exactly once into hourly aggregates ({@code usage}, fed by
 * {@code kafka}), quota levels and warnings ({@code quota}), reconciliation with ingest ({@code reconcile}).
 */
package dev.cairn.metering;
