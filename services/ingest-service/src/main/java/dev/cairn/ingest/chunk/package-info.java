/** Chunk queries for agents: which ids their tenant lacks (deduplication before the network). */
package dev.cairn.ingest.chunk;
