package dev.cairn.metering.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class CsvTest {
    @Test
    void fieldsWithCommasQuotesOrLineBreaksAreQuotedAsRfc4180Says() {
        String csv = new Csv("name", "amount")
                .row("Acme, Inc.", new BigDecimal("1E+1"))
                .row("The \"best\" MSP", null)
                .row("two\nlines", 3)
                .toString();
        assertThat(csv)
                .isEqualTo("name,amount\r\n\"Acme, Inc.\",10\r\n\"The \"\"best\"\" MSP\",\r\n\"two\nlines\",3\r\n");
    }
}
