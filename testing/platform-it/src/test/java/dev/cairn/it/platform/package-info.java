/** Integration tests of the platform itself: health, metrics, OpenAPI, ports, database, object storage. */
package dev.cairn.it.platform;
