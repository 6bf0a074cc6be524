package dev.cairn.agent.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

    @Test
    void retryAfterIsReadAsSecondsOrAnHttpDateAndCapped() {
        assertThat(Backoff.retryAfter(Optional.of("7"), NOW)).contains(Duration.ofSeconds(7));
        assertThat(Backoff.retryAfter(Optional.of("Fri, 04 Dec 2026 12:00:30 GMT"), NOW))
                .contains(Duration.ofSeconds(30));
        assertThat(Backoff.retryAfter(Optional.of("Fri, 04 Dec 2026 11:00:00 GMT"), NOW))
                .contains(Duration.ZERO);
        assertThat(Backoff.retryAfter(Optional.of("86400"), NOW)).contains(Backoff.MAX_RETRY_AFTER);
        assertThat(Backoff.retryAfter(Optional.of("soon"), NOW)).isEmpty();
        assertThat(Backoff.retryAfter(Optional.empty(), NOW)).isEmpty();
    }

    @Test
    void theLongerOfBackoffAndRetryAfterIsWaitedWithUpToAQuarterMoreAtRandom() {
        Random random = new Random(1);
        for (int i = 0; i < 1000; i++) {
            assertThat(Backoff.next(Duration.ofMillis(500), Optional.of(Duration.ofSeconds(8)), random))
                    .isBetween(Duration.ofSeconds(8), Duration.ofSeconds(10));
            assertThat(Backoff.next(Duration.ofSeconds(4), Optional.of(Duration.ofSeconds(1)), random))
                    .isBetween(Duration.ofSeconds(4), Duration.ofSeconds(5));
            assertThat(Backoff.next(Duration.ofMillis(250), Optional.empty(), random))
                    .isBetween(Duration.ofMillis(250), Duration.ofMillis(313));
        }
    }

    @Test
    void manyClientsToldTheSameWaitComeBackSpreadOut() {
        Random random = new Random(2);
        long distinct = java.util.stream.IntStream.range(0, 1000)
                .mapToObj(i -> Backoff.next(Duration.ofMillis(250), Optional.of(Duration.ofSeconds(30)), random))
                .distinct()
                .count();
        assertThat(distinct).isGreaterThan(900);
    }
}
