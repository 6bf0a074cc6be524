package dev.cairn.metering.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** The arithmetic of statements, exact in decimals. */
public final class StatementMath {
    /** Bytes in a TB, as storage is sold and quotas are set. */
    static final BigDecimal TB = BigDecimal.valueOf(1_000_000_000_000L);

    private StatementMath() {}

    /** The hours of a calendar month (UTC): 672 to 744. */
    public static long hours(LocalDate month) {
        return ChronoUnit.HOURS.between(
                month.atStartOfDay(ZoneOffset.UTC), month.plusMonths(1).atStartOfDay(ZoneOffset.UTC));
    }

    /** Stored byte-hours of a month as TB-months: 10^12 bytes held the whole month is 1. Six decimals, half-even. */
    public static BigDecimal tbMonths(BigDecimal byteHours, LocalDate month) {
        return byteHours.divide(TB.multiply(BigDecimal.valueOf(hours(month))), 6, RoundingMode.HALF_EVEN);
    }

    /** A line's amount: quantity × unit price, half-even to the cent. */
    public static BigDecimal amount(BigDecimal quantity, BigDecimal unitPrice) {
        return quantity.multiply(unitPrice).setScale(2, RoundingMode.HALF_EVEN);
    }
}
