package dev.cairn.ingest.gc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PackFateTest {
    @Test
    void aPackWithNoLiveChunkIsEmptiedWhateverItsBytes() {
        assertThat(PackFate.of(0, 0, 1000, 0.5)).isEqualTo(PackFate.Emptied);
    }

    @Test
    void aPackUnderTheThresholdIsRewrittenAndOneAtOrAboveItKept() {
        assertThat(PackFate.of(3, 499, 1000, 0.5)).isEqualTo(PackFate.Rewritten);
        assertThat(PackFate.of(3, 500, 1000, 0.5)).isEqualTo(PackFate.Kept);
        assertThat(PackFate.of(40, 1000, 1000, 0.5)).isEqualTo(PackFate.Kept);
    }

    @Test
    void aThresholdOfOneRewritesAnyPackWithADeadChunkAndZeroNeverRewrites() {
        assertThat(PackFate.of(9, 999, 1000, 1.0)).isEqualTo(PackFate.Rewritten);
        assertThat(PackFate.of(10, 1000, 1000, 1.0)).isEqualTo(PackFate.Kept);
        assertThat(PackFate.of(1, 1, 1000, 0.0)).isEqualTo(PackFate.Kept);
    }
}
