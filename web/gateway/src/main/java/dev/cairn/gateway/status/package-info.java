/** The platform's readiness at a glance, aggregated from every service. */
package dev.cairn.gateway.status;
