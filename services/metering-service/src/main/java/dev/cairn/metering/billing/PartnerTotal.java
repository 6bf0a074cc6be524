package dev.cairn.metering.billing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A partner's statements of a month, summed per currency.
 *
 * @param partnerId the partner
 * @param month the month's first day
 * @param currency ISO 4217
 * @param statements how many customer statements
 * @param total their totals' sum
 * @param status Final when every one of them is Final, else Draft
 */
public record PartnerTotal(
        UUID partnerId, LocalDate month, String currency, int statements, BigDecimal total, StatementStatus status) {}
