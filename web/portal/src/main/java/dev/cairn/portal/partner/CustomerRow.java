package dev.cairn.portal.partner;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.TemplateData;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One customer of a partner as the customers page shows it: the tenant, what it stores now against its quota, and
 * this month's statement.
 *
 * @param id the customer tenant
 * @param name its organisation
 * @param phase its phase (Active, Suspended, …)
 * @param plan its plan
 * @param quotaBytes the most it may store
 * @param storedBytes what it stored at the end of its latest period of usage (0 before any)
 * @param usedPercent {@code storedBytes} against {@code quotaBytes}, rounded down (0 without a quota)
 * @param statementTotal this month's statement's total, when there is one
 * @param currency the statement's currency
 */
@TemplateData
public record CustomerRow(
        String id,
        String name,
        String phase,
        String plan,
        long quotaBytes,
        long storedBytes,
        int usedPercent,
        BigDecimal statementTotal,
        String currency) {

    /**
     * The rows of the partner's customers, in the order the tenant service lists them.
     *
     * @param customers the partner's customer tenants ({@code GET /api/v1/partner/tenants})
     * @param usage their usage by period ({@code GET /api/v1/partner/usage}: items of {tenantId, periods})
     * @param statements this month's statements ({@code GET /api/v1/partner/statements}: items)
     */
    static List<CustomerRow> of(JsonNode customers, JsonNode usage, JsonNode statements) {
        Map<String, Long> stored = new HashMap<>();
        for (JsonNode u : usage) {
            JsonNode periods = u.path("periods");
            if (!periods.isEmpty()) {
                stored.put(
                        u.path("tenantId").asText(),
                        periods.get(periods.size() - 1).path("endStoredBytes").asLong());
            }
        }
        Map<String, JsonNode> statementOf = new HashMap<>();
        statements.forEach(s -> statementOf.put(s.path("tenantId").asText(), s));
        List<CustomerRow> rows = new ArrayList<>();
        for (JsonNode c : customers) {
            String id = c.path("id").asText();
            long quota = c.path("quotaBytes").asLong();
            long bytes = stored.getOrDefault(id, 0L);
            JsonNode statement = statementOf.get(id);
            rows.add(new CustomerRow(
                    id,
                    c.path("name").asText(),
                    c.path("phase").asText(),
                    c.path("plan").asText(),
                    quota,
                    bytes,
                    quota <= 0 ? 0 : (int) Math.min(100, bytes * 100 / quota),
                    statement == null ? null : statement.path("total").decimalValue(),
                    statement == null ? null : statement.path("currency").asText()));
        }
        return rows;
    }
}
