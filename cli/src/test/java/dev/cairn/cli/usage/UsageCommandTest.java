package dev.cairn.cli.usage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UsageCommandTest {
    @Test
    void sizesAreDecimalAsQuotasAre() {
        assertThat(UsageCommand.decimal(1_000_000_000_000L)).isEqualTo("1.00 TB");
        assertThat(UsageCommand.decimal(999)).isEqualTo("999 B");
        assertThat(UsageCommand.decimal(4_194_304)).isEqualTo("4.19 MB");
    }

    @Test
    void aBarFillsInProportionAndNeverOverflows() {
        assertThat(UsageCommand.bar(0, 100)).isEqualTo("[" + ".".repeat(30) + "]");
        assertThat(UsageCommand.bar(50, 100)).isEqualTo("[" + "#".repeat(15) + ".".repeat(15) + "]");
        assertThat(UsageCommand.bar(1, 1_000_000)).startsWith("[#.");
        assertThat(UsageCommand.bar(300, 100)).isEqualTo("[" + "#".repeat(30) + "]");
        assertThat(UsageCommand.bar(5, 0)).isEqualTo("[" + "#".repeat(30) + "]");
    }
}
