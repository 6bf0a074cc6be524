package dev.cairn.metering.usage;

import dev.cairn.platform.usage.QuotaLevel;
import java.math.BigDecimal;
import java.util.UUID;

/**
 * A tenant's usage now against its quota.
 *
 * @param tenantId the tenant
 * @param storedBytes the bytes it holds in object storage, as metered
 * @param connectedClusters its clusters with a registered agent, not revoked
 * @param plan its plan's code (null while the tenant service cannot say)
 * @param limitBytes its limit (null likewise)
 * @param usedPercent stored bytes as a percentage of the limit, two decimals
 * @param level Ok, Warning from 80 %, Exceeded at the limit (new backups are refused)
 */
public record CurrentUsage(
        UUID tenantId,
        long storedBytes,
        long connectedClusters,
        String plan,
        Long limitBytes,
        BigDecimal usedPercent,
        QuotaLevel level) {}
