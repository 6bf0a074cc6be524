package dev.cairn.agent.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LeaseKeeperTest {
    private static final Instant NOW = Instant.parse("2026-12-02T05:00:00Z");

    @Test
    void aLeaseIsRenewedAtAThirdOfWhatIsLeft() {
        assertThat(LeaseKeeper.renewIn(NOW.plusSeconds(120), NOW)).isEqualTo(Duration.ofSeconds(40));
        assertThat(LeaseKeeper.renewIn(NOW.plusSeconds(21), NOW)).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void aNearlyLapsedLeaseIsRenewedWithinASecondAndAnUnknownOneInHalfAMinute() {
        assertThat(LeaseKeeper.renewIn(NOW.plusMillis(500), NOW)).isEqualTo(Duration.ofSeconds(1));
        assertThat(LeaseKeeper.renewIn(NOW.minusSeconds(5), NOW)).isEqualTo(Duration.ofSeconds(1));
        assertThat(LeaseKeeper.renewIn(null, NOW)).isEqualTo(Duration.ofSeconds(30));
    }
}
