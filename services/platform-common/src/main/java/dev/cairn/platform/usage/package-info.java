/**
 * Usage events: what ingest (and later replication) counts, as the metering service reads it from the usage topic.
 * The wire format is a CloudEvents 1.0 structured JSON object, versioned by its {@code type} (docs/protocol.md,
 * "Usage events, v1").
 */
package dev.cairn.platform.usage;
