/** The local platform: every server and service started together, for {@code ./cairn up} and the integration tests. */
package dev.cairn.testing.platform;
