package dev.cairn.metering.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class StatementMathTest {
    @Test
    void monthsHaveTheirHours() {
        assertThat(StatementMath.hours(LocalDate.of(2026, 2, 1))).isEqualTo(672);
        assertThat(StatementMath.hours(LocalDate.of(2028, 2, 1))).isEqualTo(696);
        assertThat(StatementMath.hours(LocalDate.of(2026, 12, 1))).isEqualTo(744);
    }

    @Test
    void aTerabyteHeldAllMonthIsOneTbMonthAndHalfTheMonthIsHalf() {
        LocalDate november = LocalDate.of(2026, 11, 1);
        BigDecimal allMonth = BigDecimal.valueOf(1_000_000_000_000L).multiply(BigDecimal.valueOf(720));
        assertThat(StatementMath.tbMonths(allMonth, november)).isEqualByComparingTo("1");
        assertThat(StatementMath.tbMonths(allMonth.divide(BigDecimal.TWO), november))
                .isEqualByComparingTo("0.5");
        // 3 MiB held 1 hour of November: a tiny but non-zero quantity, six decimals
        assertThat(StatementMath.tbMonths(BigDecimal.valueOf(3_145_728L * 1000), november))
                .isEqualByComparingTo("0.000004");
    }

    @Test
    void amountsRoundHalfEvenToTheCent() {
        assertThat(StatementMath.amount(new BigDecimal("0.125"), new BigDecimal("1")))
                .isEqualByComparingTo("0.12");
        assertThat(StatementMath.amount(new BigDecimal("0.135"), new BigDecimal("1")))
                .isEqualByComparingTo("0.14");
        assertThat(StatementMath.amount(new BigDecimal("2.5"), new BigDecimal("12.50")))
                .isEqualByComparingTo("31.25");
    }
}
