/**
 * Real servers started by the project itself, without Docker: PostgreSQL, Kafka, S3 (s3proxy) and Keycloak, each
 * in a process of its own that dies with the process that started it; and the sinks that run in the launcher's own
 * JVM: mail (GreenMail) and traces (an OTLP/HTTP receiver writing each span as a JSON line).
 */
package dev.cairn.testing.servers;
