/**
 * Real servers started by the project itself, without Docker: PostgreSQL, Kafka, S3 (s3proxy) and Keycloak, each
 * in a process of its own that dies with the process that started it.
 */
package dev.cairn.testing.servers;
