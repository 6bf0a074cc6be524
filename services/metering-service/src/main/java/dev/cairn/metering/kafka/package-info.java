/** The usage topic's consumer: Kafka records in, usage events counted (the Kafka edge of {@code usage}). */
package dev.cairn.metering.kafka;
