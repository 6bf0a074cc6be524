/** Kafka as the agents' data channel: SCRAM users and ACLs (the Kafka edge of {@code cluster}). */
package dev.cairn.tenant.kafka;
