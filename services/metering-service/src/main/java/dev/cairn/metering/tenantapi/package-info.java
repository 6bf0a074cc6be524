/** The tenant service's internal tenant and plan API, as metering calls it (the HTTP edge of {@code account}). */
package dev.cairn.metering.tenantapi;
