package dev.cairn.metering.usage;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A tenant's usage over one period [start, end).
 *
 * @param start the period's first instant (UTC)
 * @param end the instant after it
 * @param storedByteHours stored bytes integrated over the period, in byte-hours (exact, time-weighted)
 * @param peakStoredBytes the most bytes held at any instant of the period
 * @param endStoredBytes the bytes held at its end (now, for the current period)
 * @param ingestedBytes envelope bytes received and written into packs
 * @param protectedBytes logical bytes of the backups that finished in it
 * @param newBytes bytes those backups found new
 * @param restoredBytes egress: chunk bytes handed out for restores and verification
 * @param replicatedBytes bytes copied to the DR region
 * @param backups backups that finished in it
 * @param protectedClusters distinct clusters with a backup that finished in it
 * @param connectedClusters clusters with a registered agent, not revoked, at its end
 */
public record UsagePeriod(
        Instant start,
        Instant end,
        BigDecimal storedByteHours,
        long peakStoredBytes,
        long endStoredBytes,
        long ingestedBytes,
        long protectedBytes,
        long newBytes,
        long restoredBytes,
        long replicatedBytes,
        long backups,
        long protectedClusters,
        long connectedClusters) {}
