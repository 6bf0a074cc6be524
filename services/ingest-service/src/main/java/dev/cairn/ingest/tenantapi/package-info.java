/** The tenant service's internal API, as ingest calls it (the HTTP edge of {@code agent}). */
package dev.cairn.ingest.tenantapi;
