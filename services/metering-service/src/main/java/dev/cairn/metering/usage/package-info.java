/**
 * Usage: events counted once into hourly aggregates (the ledger), and usage over time derived from the hours
 * (history): stored byte-hours integrated exactly, peaks, end-of-period stored bytes, traffic and protected clusters.
 */
package dev.cairn.metering.usage;
