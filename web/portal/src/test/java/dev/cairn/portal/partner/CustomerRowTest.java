package dev.cairn.portal.partner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class CustomerRowTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aCustomerShowsItsLatestStoredBytesAgainstItsQuotaAndThisMonthsStatement() throws Exception {
        JsonNode customers = JSON.readTree("[{\"id\":\"a\",\"name\":\"Alpha\",\"phase\":\"Active\",\"plan\":\"FREE\","
                + "\"quotaBytes\":1000000000000},{\"id\":\"b\",\"name\":\"Bravo\",\"phase\":\"Suspended\","
                + "\"plan\":\"PRO\",\"quotaBytes\":0}]");
        JsonNode usage = JSON.readTree("[{\"tenantId\":\"a\",\"periods\":[{\"endStoredBytes\":100},"
                + "{\"endStoredBytes\":250000000000}]},{\"tenantId\":\"b\",\"periods\":[]}]");
        JsonNode statements = JSON.readTree("[{\"tenantId\":\"a\",\"total\":12.50,\"currency\":\"EUR\"}]");

        List<CustomerRow> rows = CustomerRow.of(customers, usage, statements);

        assertThat(rows).extracting(CustomerRow::name).containsExactly("Alpha", "Bravo");
        CustomerRow alpha = rows.getFirst();
        assertThat(alpha.storedBytes()).isEqualTo(250_000_000_000L);
        assertThat(alpha.usedPercent()).isEqualTo(25);
        assertThat(alpha.statementTotal()).isEqualByComparingTo("12.5");
        assertThat(alpha.currency()).isEqualTo("EUR");
        CustomerRow bravo = rows.get(1);
        assertThat(bravo.storedBytes()).isZero();
        assertThat(bravo.usedPercent()).as("no quota: no percentage").isZero();
        assertThat(bravo.statementTotal()).isNull();
    }

    @Test
    void aCustomerOverItsQuotaFillsTheMeterAndNoMore() throws Exception {
        JsonNode customers = JSON.readTree("[{\"id\":\"a\",\"name\":\"A\",\"quotaBytes\":1000}]");
        JsonNode usage = JSON.readTree("[{\"tenantId\":\"a\",\"periods\":[{\"endStoredBytes\":5000}]}]");

        assertThat(CustomerRow.of(customers, usage, JSON.createArrayNode())
                        .getFirst()
                        .usedPercent())
                .isEqualTo(100);
    }
}
