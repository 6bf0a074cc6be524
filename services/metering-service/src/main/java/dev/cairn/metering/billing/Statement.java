package dev.cairn.metering.billing;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A tenant's statement for one calendar month (UTC).
 *
 * @param id its id
 * @param tenantId the tenant billed
 * @param partnerId the partner that manages the tenant, when one does
 * @param month the month's first day
 * @param status Draft or Final
 * @param plan the plan whose prices it uses
 * @param currency ISO 4217
 * @param total the sum of its lines' amounts
 * @param computedAt when its lines were last computed
 * @param finalizedAt when it became Final
 * @param lines its lines
 */
public record Statement(
        UUID id,
        UUID tenantId,
        UUID partnerId,
        LocalDate month,
        StatementStatus status,
        String plan,
        String currency,
        BigDecimal total,
        Instant computedAt,
        Instant finalizedAt,
        List<StatementLine> lines) {}
