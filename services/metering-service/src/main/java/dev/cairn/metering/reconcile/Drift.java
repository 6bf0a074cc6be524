package dev.cairn.metering.reconcile;

import java.util.UUID;

/**
 * A tenant whose metered stored bytes differ from ingest's counter.
 *
 * @param tenantId the tenant
 * @param ingestBytes ingest's exact counter
 * @param meteredBytes the sum of the STORED events metering counted
 * @param driftBytes metered minus ingest: positive when metering counted too much
 */
public record Drift(UUID tenantId, long ingestBytes, long meteredBytes, long driftBytes) {}
