package dev.cairn.tenant.plan;

import jakarta.validation.constraints.PositiveOrZero;

/**
 * A partner's quota for one of its customers: at most the customer's plan's limit.
 *
 * @param quotaBytes the most bytes the customer may hold in object storage
 */
public record QuotaChange(@PositiveOrZero long quotaBytes) {}
