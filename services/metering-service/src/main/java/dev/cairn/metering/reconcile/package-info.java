/**
 * Reconciliation: metering's stored bytes per tenant against ingest's exact counters, so that an event lost or counted
 * twice anywhere between the outbox and the aggregates shows as drift (a metric, an alert when it is not zero).
 */
package dev.cairn.metering.reconcile;
