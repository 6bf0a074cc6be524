/**
 * What the services that consume topics share: their SCRAM client settings, dead-lettering with the reason, and
 * consumed offsets kept in the service's own PostgreSQL schema (committed with what the records produced).
 */
package dev.cairn.platform.kafka;
