package dev.cairn.load.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {
    @Test
    void takesTheSampleAtTheNearestRank() {
        Percentiles p = new Percentiles(
                IntStream.rangeClosed(1, 100).mapToObj(i -> (double) (101 - i)).toList());

        assertThat(p.at(50)).isEqualTo(50.0);
        assertThat(p.at(99)).isEqualTo(99.0);
        assertThat(p.at(100)).isEqualTo(100.0);
        assertThat(p.max()).isEqualTo(100.0);
    }

    @Test
    void aFewSamplesGiveTheirLargestAsTheHighPercentiles() {
        Percentiles p = new Percentiles(List.of(3.0, 1.0, 2.0));

        assertThat(p.at(50)).isEqualTo(2.0);
        assertThat(p.at(99)).isEqualTo(3.0);
        assertThat(p.at(1)).isEqualTo(1.0);
    }

    @Test
    void noSamplesHaveNoPercentilesAndABadPercentileIsRefused() {
        assertThat(new Percentiles(List.of()).at(99)).isNaN();
        assertThatThrownBy(() -> new Percentiles(List.of(1.0)).at(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
