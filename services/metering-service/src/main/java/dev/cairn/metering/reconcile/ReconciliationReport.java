package dev.cairn.metering.reconcile;

import java.time.Instant;
import java.util.List;

/**
 * The last reconciliation.
 *
 * @param at when it ran
 * @param tenantsChecked tenants compared (those whose counter moved within the settle time wait for the next run)
 * @param tenantsSettling tenants not compared this time
 * @param driftBytes the sum of the absolute drifts: 0 when metering and ingest agree
 * @param drifts the tenants that differ (at most 100 listed)
 */
public record ReconciliationReport(
        Instant at, long tenantsChecked, long tenantsSettling, long driftBytes, List<Drift> drifts) {}
