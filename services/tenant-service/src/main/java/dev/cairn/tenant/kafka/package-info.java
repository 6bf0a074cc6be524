/**
 * Kafka as the agents' data channel: SCRAM users and ACLs (the Kafka edge of {@code cluster}); the relay of the usage
 * outbox to the usage topic.
 */
package dev.cairn.tenant.kafka;
