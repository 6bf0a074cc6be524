/** The CloudEvents envelope of the events the services exchange over Kafka. */
package dev.cairn.platform.event;
