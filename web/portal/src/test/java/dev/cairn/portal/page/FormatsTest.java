package dev.cairn.portal.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FormatsTest {
    @Test
    void bytesAreWrittenInDecimalUnitsAsStorageIsSold() {
        assertThat(Formats.bytes(0L)).isEqualTo("0 B");
        assertThat(Formats.bytes(999L)).isEqualTo("999 B");
        assertThat(Formats.bytes(1_000L)).isEqualTo("1.00 kB");
        assertThat(Formats.bytes(1_970_000_000L)).isEqualTo("1.97 GB");
        assertThat(Formats.bytes(12_345_678L)).isEqualTo("12.3 MB");
        assertThat(Formats.bytes(1_000_000_000_000L)).isEqualTo("1.00 TB");
        assertThat(Formats.bytes(null)).isEqualTo("–");
    }

    @Test
    void timesAreUtcAndAbsentTimesAreSaidSo() {
        assertThat(Formats.time("2026-12-02T21:05:09Z")).isEqualTo("2026-12-02 21:05 UTC");
        assertThat(Formats.time(null)).isEqualTo("–");
        assertThat(Formats.time("not a time")).isEqualTo("–");
        assertThat(Formats.ago(null)).isEqualTo("never");
        assertThat(Formats.ago(Instant.now().minusSeconds(125).toString())).isEqualTo("2 min ago");
    }

    @Test
    void durationsUseTheirLargestWholeUnit() {
        assertThat(Formats.duration(Duration.ofSeconds(45))).isEqualTo("45 s");
        assertThat(Formats.duration(Duration.ofMinutes(59))).isEqualTo("59 min");
        assertThat(Formats.duration(Duration.ofHours(5))).isEqualTo("5 h");
        assertThat(Formats.duration(Duration.ofDays(3))).isEqualTo("3 d");
        assertThat(Formats.seconds(7200L)).isEqualTo("2 h");
    }

    @Test
    void modesAreWrittenAsLsWritesThemAndPathsAreEncodedForAQuery() {
        assertThat(Formats.mode(0644)).isEqualTo("rw-r--r--");
        assertThat(Formats.mode(0755L)).isEqualTo("rwxr-xr-x");
        assertThat(Formats.mode(04755)).isEqualTo("rwsr-xr-x");
        assertThat(Formats.mode(01777)).isEqualTo("rwxrwxrwt");
        assertThat(Formats.mode(null)).isEmpty();
        assertThat(Formats.url("a b/c&d")).isEqualTo("a+b%2Fc%26d");
        assertThat(Formats.childUrl("", "x y")).isEqualTo("x+y");
        assertThat(Formats.childUrl("etc", "a&b")).isEqualTo("etc%2Fa%26b");
    }
}
