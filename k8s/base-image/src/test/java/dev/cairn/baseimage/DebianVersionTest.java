package dev.cairn.baseimage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DebianVersionTest {

    @ParameterizedTest(name = "{0} < {1}")
    @CsvSource({
        // the security archive's rebuild of the JDK is newer than stable's
        "25.0.5+8-1~deb13u1, 25.0.5.1+2-1~deb13u1",
        // a tilde sorts before everything, even the end of the string
        "1.0~rc1, 1.0",
        "1.0~~, 1.0~",
        // a point release's revision is newer than the release's
        "2.41-12, 2.41-12+deb13u5",
        "2.41-12+deb13u4, 2.41-12+deb13u5",
        // digits compare as numbers, leading zeros ignored
        "1.9, 1.10",
        "1.09, 1.10",
        // letters sort before other characters
        "1.0a, 1.0+",
        // the epoch outranks everything
        "9.9, 1:0.1",
        "1:1.2.13, 1:1.3.dfsg+really1.3.1-1+deb13u1",
        // a missing revision is the lowest
        "14.2.0, 14.2.0-19",
    })
    void ordersAsDpkgDoes(String lower, String higher) {
        assertThat(DebianVersion.parse(lower)).isLessThan(DebianVersion.parse(higher));
        assertThat(DebianVersion.parse(higher)).isGreaterThan(DebianVersion.parse(lower));
    }

    @Test
    void equalVersionsCompareEqualWhateverTheirLeadingZeros() {
        assertThat(DebianVersion.parse("1.01-1")).isEqualByComparingTo(DebianVersion.parse("1.1-1"));
        assertThat(DebianVersion.parse("0:2.41-12")).isEqualByComparingTo(DebianVersion.parse("2.41-12"));
    }

    @Test
    void splitsEpochUpstreamAndRevisionAtTheLastDash() {
        DebianVersion v = DebianVersion.parse("1:1.3.dfsg+really1.3.1-1+deb13u1");
        assertThat(v.epoch()).isEqualTo(1);
        assertThat(v.upstream()).isEqualTo("1.3.dfsg+really1.3.1");
        assertThat(v.revision()).isEqualTo("1+deb13u1");
        assertThat(v).hasToString("1:1.3.dfsg+really1.3.1-1+deb13u1");
        assertThat(DebianVersion.parse("6.5")).hasToString("6.5");
    }
}
