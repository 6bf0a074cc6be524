/** Metering and quotas: usage events counted exactly once, usage over time, plans and quota enforcement. */
package dev.cairn.it.metering;
