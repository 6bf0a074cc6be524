package dev.cairn.metering.billing;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One line of a statement.
 *
 * @param kind {@code storage}, {@code clusters}, or {@code adjustment-storage}/{@code adjustment-clusters}
 * @param description what it is, in words
 * @param forMonth the month the quantity was used in (an adjustment's is an earlier, finalized month)
 * @param quantity how much, six decimals (TB-months, cluster-months)
 * @param unit the quantity's unit
 * @param unitPrice the price of one unit, in the statement's currency
 * @param amount quantity × unit price, rounded half-even to the cent
 */
public record StatementLine(
        String kind,
        String description,
        LocalDate forMonth,
        BigDecimal quantity,
        String unit,
        BigDecimal unitPrice,
        BigDecimal amount) {}
