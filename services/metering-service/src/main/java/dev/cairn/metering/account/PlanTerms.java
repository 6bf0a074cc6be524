package dev.cairn.metering.account;

import java.math.BigDecimal;

/**
 * What a plan charges.
 *
 * @param code the plan's code
 * @param name its display name
 * @param currency ISO 4217
 * @param pricePerTbMonth per 10^12 stored bytes held a whole month (time-weighted)
 * @param pricePerClusterMonth per cluster protected in the month
 */
public record PlanTerms(
        String code, String name, String currency, BigDecimal pricePerTbMonth, BigDecimal pricePerClusterMonth) {}
