/** The Kubernetes API for tests: fabric8's mock server in CRUD mode, serving discovery like a real API server. */
package dev.cairn.testing.kubernetes;
