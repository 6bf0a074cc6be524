/** Metrics the services share the shape of. */
package dev.cairn.platform.metrics;
