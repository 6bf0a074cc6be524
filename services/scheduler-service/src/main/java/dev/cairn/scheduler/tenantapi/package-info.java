/** The tenant service as the scheduler calls it (the HTTP edge of {@code policy}). */
package dev.cairn.scheduler.tenantapi;
