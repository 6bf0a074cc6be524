/** The ingest service: agents' chunk records from Kafka into packs in object storage and the catalog. */
package dev.cairn.ingest;
