package dev.cairn.metering.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class UsageArithmeticTest {
    @Test
    void periodsAreUtcHoursDaysAndCalendarMonths() {
        Instant t = Instant.parse("2026-02-28T23:59:59.999999Z");
        assertThat(Granularity.hour.floor(t)).isEqualTo(Instant.parse("2026-02-28T23:00:00Z"));
        assertThat(Granularity.day.floor(t)).isEqualTo(Instant.parse("2026-02-28T00:00:00Z"));
        assertThat(Granularity.month.floor(t)).isEqualTo(Instant.parse("2026-02-01T00:00:00Z"));
        assertThat(Granularity.month.next(Instant.parse("2026-02-01T00:00:00Z")))
                .isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
        assertThat(Granularity.month.next(Instant.parse("2028-02-01T00:00:00Z")))
                .as("a leap year's February")
                .isEqualTo(Instant.parse("2028-03-01T00:00:00Z"));
        assertThat(Granularity.day.next(Instant.parse("2026-03-29T00:00:00Z")))
                .as("UTC has no summer time")
                .isEqualTo(Instant.parse("2026-03-30T00:00:00Z"));
    }

    @Test
    void aTerabyteHeldForAnHourIsATerabyteHour() {
        // s0 = 10^12 bytes all hour: 10^12 * 3.6e9 byte-microseconds
        BigDecimal micros = BigDecimal.valueOf(1_000_000_000_000L).multiply(UsageHistory.HOUR_MICROS);
        assertThat(UsageHistory.byteHours(micros)).isEqualByComparingTo("1000000000000");
    }

    @Test
    void bytesAddedHalfWayThroughAnHourCountHalf() {
        // 2 GB stored at 10:30:00: the hour's weighted sum is 2e9 * 1.8e9 us
        BigDecimal weighted = BigDecimal.valueOf(2_000_000_000L).multiply(BigDecimal.valueOf(1_800_000_000L));
        assertThat(UsageHistory.byteHours(weighted)).isEqualByComparingTo("1000000000");
        // a byte held 3.6 ms is a millionth of a byte-hour: the smallest unit kept
        assertThat(UsageHistory.byteHours(BigDecimal.valueOf(3600))).isEqualByComparingTo("0.000001");
    }
}
