/** Regions: which object stores tenants may choose as home and disaster-recovery regions. */
package dev.cairn.tenant.region;
