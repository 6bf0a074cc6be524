/** Tenants' life-cycle events between services: what a purged tenant means to each service that keeps its data. */
package dev.cairn.platform.tenant;
