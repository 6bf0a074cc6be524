package dev.cairn.tenant.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class PasswordHashTest {

    @Test
    void matchesItsPasswordAndNoOther() {
        PasswordHash hash = PasswordHash.of("correct-horse-battery", 1000);
        assertThat(hash.matches("correct-horse-battery")).isTrue();
        assertThat(hash.matches("correct-horse-batterY")).isFalse();
        assertThat(hash.value()).hasSize(64);
        assertThat(hash.salt()).hasSize(16);
    }

    @Test
    void theSamePasswordHashesDifferentlyEachTime() {
        PasswordHash a = PasswordHash.of("correct-horse-battery", 1000);
        PasswordHash b = PasswordHash.of("correct-horse-battery", 1000);
        assertThat(a.salt()).isNotEqualTo(b.salt());
        assertThat(a.value()).isNotEqualTo(b.value());
        assertThat(a).isNotEqualTo(b);
    }

    /** RFC 7914's PBKDF2-HMAC-SHA256 test vector (P="passwd", S="salt", c=1, dkLen=64). */
    @Test
    void isPbkdf2HmacSha256() {
        byte[] expected = HexFormat.of()
                .parseHex("55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
                        + "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783");
        PasswordHash vector = new PasswordHash(1, "salt".getBytes(), expected);
        assertThat(vector.matches("passwd")).isTrue();
    }

    @Test
    void neverShowsItsValue() {
        PasswordHash hash = PasswordHash.of("correct-horse-battery", 1000);
        assertThat(hash.toString())
                .isEqualTo("PasswordHash[pbkdf2-sha256, 1000 iterations]")
                .doesNotContain(HexFormat.of().formatHex(hash.value()));
    }

    @Test
    void refusesAnIterationCountBelowOne() {
        assertThatThrownBy(() -> PasswordHash.of("x", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void isNotChangedThroughWhatItAnswers() {
        PasswordHash hash = PasswordHash.of("correct-horse-battery", 1000);
        hash.value()[0] ^= 1;
        hash.salt()[0] ^= 1;
        assertThat(hash.matches("correct-horse-battery")).isTrue();
    }
}
