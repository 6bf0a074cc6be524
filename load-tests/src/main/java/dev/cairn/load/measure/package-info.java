/**
 * What the load tests measure besides Gatling's own figures: the platform's counters (Prometheus exposition), a
 * server's memory and threads ({@code /proc}), percentiles of completion times.
 */
package dev.cairn.load.measure;
