package dev.cairn.metering.account;

import dev.cairn.platform.usage.Quota;
import java.util.UUID;

/**
 * A tenant as metering sees it.
 *
 * @param tenantId the tenant
 * @param name its organisation's name
 * @param partnerId the partner that manages it, or null
 * @param quota its plan and limit
 */
public record Account(UUID tenantId, String name, UUID partnerId, Quota quota) {}
