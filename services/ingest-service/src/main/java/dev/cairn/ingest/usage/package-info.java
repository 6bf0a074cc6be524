/**
 * Usage events out of ingest: the outbox written in the transactions that change what they count, and the relay
 * that sends its rows to the usage topic (at least once; metering counts each id once).
 */
package dev.cairn.ingest.usage;
