package dev.cairn.tenant.plan;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/**
 * A plan as the API shows it and as operators define it.
 *
 * @param code its stable code ({@code FREE}, {@code PRO-EUR}): letters, digits, '-' and '_'
 * @param name its display name
 * @param storedBytesLimit the most bytes a tenant on it may hold in object storage
 * @param currency the ISO 4217 code of its prices
 * @param pricePerTbMonth the price of 10^12 stored bytes held for a month (time-weighted)
 * @param pricePerClusterMonth the price of a protected cluster for a month
 */
public record PlanView(
        @NotNull @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9_-]{0,62}")
        String code,

        @NotNull @Size(min = 1, max = 200) String name,
        @PositiveOrZero long storedBytesLimit,

        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR")
        String currency,

        @NotNull @DecimalMin("0") @Digits(integer = 12, fraction = 6)
        BigDecimal pricePerTbMonth,

        @NotNull @DecimalMin("0") @Digits(integer = 12, fraction = 6)
        BigDecimal pricePerClusterMonth) {

    static PlanView of(Plan p) {
        return new PlanView(
                p.code,
                p.name,
                p.storedBytesLimit,
                p.currency,
                p.pricePerTbMonth.stripTrailingZeros(),
                p.pricePerClusterMonth.stripTrailingZeros());
    }

    /** True when {@code p} says the same as this (a repeated create). */
    boolean sameAs(Plan p) {
        return of(p).equals(new PlanView(
                code,
                name,
                storedBytesLimit,
                currency,
                pricePerTbMonth.stripTrailingZeros(),
                pricePerClusterMonth.stripTrailingZeros()));
    }
}
