package dev.cairn.scheduler.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ImmutabilityTest {

    @Test
    void aPeriodIsADayToTenYears() {
        assertThat(new Immutability(Duration.ofDays(1)).refusal()).isNull();
        assertThat(new Immutability(Duration.ofDays(3650)).refusal()).isNull();
        assertThat(new Immutability(Duration.ofHours(23)).refusal()).contains("a day to ten years");
        assertThat(new Immutability(Duration.ofDays(3651)).refusal()).contains("P3650D");
        assertThat(new Immutability(Duration.ZERO).refusal()).isNotNull();
        assertThat(new Immutability(Duration.ofDays(-30)).refusal()).isNotNull();
    }
}
