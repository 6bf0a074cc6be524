/**
 * What the tenant service counts for metering: clusters connected and disconnected, as usage events in its outbox,
 * written in the transaction that changes the cluster.
 */
package dev.cairn.tenant.usage;
