/**
 * Usage events: what ingest and the tenant service count, as the metering service reads it from the usage topic; the
 * outbox each of them writes the events into, in the transaction of the change they count, and its relay.
 * The wire format is a CloudEvents 1.0 structured JSON object, versioned by its {@code type} (docs/protocol.md,
 * "Usage events, v1").
 */
package dev.cairn.platform.usage;
