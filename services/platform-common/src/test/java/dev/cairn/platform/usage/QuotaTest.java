package dev.cairn.platform.usage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuotaTest {
    private final Quota free = new Quota("free", Quota.FREE_TIER_BYTES);

    @Test
    void theFreeTierIsTenToTheTwelfthBytes() {
        assertThat(Quota.FREE_TIER_BYTES).isEqualTo((long) Math.pow(10, 12));
    }

    @Test
    void aTenantOneByteUnderTheFreeTierMayBackUpAndOneAtItMayNot() {
        assertThat(free.allows(999_999_999_999L)).isTrue();
        assertThat(free.allows(1_000_000_000_000L)).isFalse();
        assertThat(free.allows(1_000_000_000_001L)).isFalse();
        assertThat(free.level(999_999_999_999L)).isEqualTo(QuotaLevel.Warning);
        assertThat(free.level(1_000_000_000_000L)).isEqualTo(QuotaLevel.Exceeded);
    }

    @Test
    void theWarningStartsAtExactlyEightyPercent() {
        assertThat(free.level(799_999_999_999L)).isEqualTo(QuotaLevel.Ok);
        assertThat(free.level(800_000_000_000L)).isEqualTo(QuotaLevel.Warning);
        assertThat(free.level(0)).isEqualTo(QuotaLevel.Ok);
    }

    @Test
    void theArithmeticHoldsAtTheLargestLimits() {
        Quota huge = new Quota("enterprise", Long.MAX_VALUE);
        assertThat(huge.level(Long.MAX_VALUE - 1)).isEqualTo(QuotaLevel.Warning);
        assertThat(huge.level(Long.MAX_VALUE / 2)).isEqualTo(QuotaLevel.Ok);
        assertThat(new Quota("none", 0).allows(0)).isFalse();
    }
}
