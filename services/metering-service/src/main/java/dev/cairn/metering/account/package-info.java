/**
 * Tenants as metering needs them: name, partner, plan and quota, and the plans' terms, from the tenant service
 * (the HTTP edge is {@code tenantapi}), cached for seconds.
 */
package dev.cairn.metering.account;
