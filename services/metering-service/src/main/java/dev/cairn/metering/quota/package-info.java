/**
 * Where each tenant stands against its quota (from the tenant service's plans): its level, Ok, Warning at 80 % and
 * Exceeded at 100 %, and a notice at each change of level (the source of warnings and, later, webhooks). Ingest
 * enforces the limit; metering tells.
 */
package dev.cairn.metering.quota;
