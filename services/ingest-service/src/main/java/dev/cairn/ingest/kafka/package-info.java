/** The data topic's consumer (the Kafka edge of ingest) and its dead-letter producer. */
package dev.cairn.ingest.kafka;
