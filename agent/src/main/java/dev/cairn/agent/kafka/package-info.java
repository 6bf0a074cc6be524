/** Chunk records to the data topic: idempotent, acks=all, bounded memory (a full buffer blocks the sender). */
package dev.cairn.agent.kafka;
