/**
 * What the services that use topics share: their SCRAM client settings, dead-lettering with the reason, consumed
 * offsets kept in the service's own PostgreSQL schema (committed with what the records produced), the usage
 * topic's publisher, and consumed records' spans in the traces they carry.
 */
package dev.cairn.platform.kafka;
