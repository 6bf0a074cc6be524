/** Cross-region replication: copies checked in the DR region, deletions following, lag, outages and residency. */
package dev.cairn.it.replication;
