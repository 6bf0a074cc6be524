/** Chunks as they leave the agent: keyed ids and the sealed envelope (format v1, docs/protocol.md). */
package dev.cairn.data.chunk;
