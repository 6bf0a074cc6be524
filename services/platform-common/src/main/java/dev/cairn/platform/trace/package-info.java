/** Trace context (OpenTelemetry, W3C {@code traceparent}) that leaves a service in what it stores and hands on. */
package dev.cairn.platform.trace;
