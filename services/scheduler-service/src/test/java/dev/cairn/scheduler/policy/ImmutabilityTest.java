package dev.cairn.scheduler.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ImmutabilityTest {

    @Test
    void aPeriodIsADayToTenYears() {
        assertThat(new Immutability(Duration.ofDays(1)).isADayToTenYears()).isTrue();
        assertThat(new Immutability(Duration.ofDays(3650)).isADayToTenYears()).isTrue();
        assertThat(new Immutability(Duration.ofHours(23)).isADayToTenYears()).isFalse();
        assertThat(new Immutability(Duration.ofDays(3651)).isADayToTenYears()).isFalse();
        assertThat(new Immutability(Duration.ZERO).isADayToTenYears()).isFalse();
        assertThat(new Immutability(Duration.ofDays(-30)).isADayToTenYears()).isFalse();
    }

    @Test
    void aMissingPeriodIsLeftToNotNull() {
        assertThat(new Immutability(null).isADayToTenYears()).isTrue();
    }
}
