/**
 * Loads of the data path that Gatling cannot drive (its Java DSL speaks HTTP, not the agent's Kafka producer and
 * pack uploads): many registered agents backing up at once, through the agent's own code.
 */
package dev.cairn.load.ingest;
