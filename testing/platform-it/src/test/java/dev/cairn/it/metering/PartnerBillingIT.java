package dev.cairn.it.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.cairn.it.support.Api;
import dev.cairn.it.support.Metering;
import dev.cairn.it.support.Operators;
import dev.cairn.it.support.Partners;
import dev.cairn.it.support.Tenants;
import io.restassured.response.Response;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The partner billing API: a customer's usage last month becomes a Final statement (quantities, unit prices,
 * amounts) that never changes; a late event of that month becomes an adjustment on this month's draft; JSON and CSV
 * agree; signed webhooks are retried until delivered and logged; another partner sees none of it; a partner over its
 * rate gets 429 with Retry-After; operators see every partner's totals.
 */
class PartnerBillingIT {
    private static final long TB = 1_000_000_000_000L;

    @Test
    void lastMonthsUsageBecomesAFinalStatementThatLateUsageAdjustsButNeverChanges() throws Exception {
        // given a partner with a webhook endpoint (that fails its first delivery), and a customer on a priced plan
        String partner = Partners.token("Billing Reseller");
        String stranger = Partners.token("Other Reseller");
        UUID customer = UUID.fromString(Partners.createCustomer(partner, "Billed Customer")
                .path("tenant")
                .path("id")
                .asText());
        String plan = Metering.plan(
                "TEST-EUR-" + UUID.randomUUID().toString().substring(0, 8), 3_500_000_000_000L, "12.5", "3");
        Metering.putOnPlan(customer, plan);
        List<String[]> received = new CopyOnWriteArrayList<>(); // signature header, body
        AtomicInteger calls = new AtomicInteger();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = calls.incrementAndGet() == 1 ? 500 : 200;
            if (status == 200) {
                received.add(new String[] {exchange.getRequestHeaders().getFirst("Cairn-Signature"), body});
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
        try {
            String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
            Map<String, Object> hook =
                    Map.of("url", url, "events", List.of("statement.finalized", "quota.warning", "backup.failed"));
            String key = UUID.randomUUID().toString();
            JsonNode created = Api.json(Api.as(partner)
                    .header("Idempotency-Key", key)
                    .body(hook)
                    .when()
                    .post("/api/v1/partner/webhooks")
                    .then()
                    .statusCode(201)
                    .extract()
                    .response());
            String secret = created.path("secret").asText();
            assertThat(secret).startsWith("whsec_");
            Api.as(partner)
                    .header("Idempotency-Key", key)
                    .body(hook)
                    .when()
                    .post("/api/v1/partner/webhooks")
                    .then()
                    .statusCode(200)
                    .body("id", equalTo(created.path("id").asText()));

            // when the customer stored 2 TB from the 11th of last month and protected a cluster on the 5th
            YearMonth last = YearMonth.now(ZoneOffset.UTC).minusMonths(1);
            Instant eleventh = last.atDay(11).atStartOfDay(ZoneOffset.UTC).toInstant();
            UUID cluster = UUID.randomUUID();
            Metering.send(Metering.event(customer, "stored", 2 * TB, eleventh, null));
            Metering.send(Metering.event(
                    customer,
                    "protected",
                    5_000_000,
                    last.atDay(5).atStartOfDay(ZoneOffset.UTC).toInstant(),
                    cluster));
            Metering.awaitCounted(customer, 2);
            JsonNode run = Metering.runStatements();
            assertThat(run.path("finalized").asInt()).as(run.toString()).isPositive();

            // then last month's statement is Final, with exact quantities, unit prices and amounts
            JsonNode page = Api.json(
                    Api.as(partner).queryParam("month", last.toString()).when().get("/api/v1/partner/statements"));
            assertThat(page.path("items")).hasSize(1);
            JsonNode statement = page.path("items").get(0);
            assertThat(statement.path("status").asText()).isEqualTo("Final");
            assertThat(statement.path("currency").asText()).isEqualTo("EUR");
            long hoursLeft = ChronoUnit.HOURS.between(
                    eleventh, last.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC));
            long hours = (long) last.lengthOfMonth() * 24;
            BigDecimal tbMonths =
                    BigDecimal.valueOf(2 * hoursLeft).divide(BigDecimal.valueOf(hours), 6, RoundingMode.HALF_EVEN);
            JsonNode storage = statement.path("lines").get(0);
            assertThat(storage.path("kind").asText()).isEqualTo("storage");
            assertThat(storage.path("quantity").decimalValue()).isEqualByComparingTo(tbMonths);
            assertThat(storage.path("unitPrice").decimalValue()).isEqualByComparingTo("12.5");
            BigDecimal storageAmount = tbMonths.multiply(new BigDecimal("12.5")).setScale(2, RoundingMode.HALF_EVEN);
            assertThat(storage.path("amount").decimalValue()).isEqualByComparingTo(storageAmount);
            JsonNode clusters = statement.path("lines").get(1);
            assertThat(clusters.path("quantity").decimalValue()).isEqualByComparingTo("1");
            assertThat(clusters.path("amount").decimalValue()).isEqualByComparingTo("3");
            assertThat(statement.path("total").decimalValue())
                    .isEqualByComparingTo(storageAmount.add(new BigDecimal("3")));
            String statementId = statement.path("id").asText();

            // and its CSV says the same
            String csv = Api.as(partner)
                    .accept("text/csv")
                    .when()
                    .get("/api/v1/partner/statements/" + statementId)
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString();
            String[] rows = csv.split("\r\n");
            assertThat(rows).hasSize(3);
            assertThat(rows[1].split(","))
                    .contains(
                            "storage",
                            tbMonths.stripTrailingZeros().toPlainString(),
                            storageAmount.toPlainString(),
                            "EUR",
                            "Final");

            // and the partner's endpoint got the signed statement.finalized, after one failed attempt
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> received.stream().anyMatch(r -> r[1].contains("statement.finalized")));
            String[] delivery = received.stream()
                    .filter(r -> r[1].contains("statement.finalized"))
                    .findFirst()
                    .orElseThrow();
            assertThat(verify(secret, delivery[0], delivery[1])).as(delivery[0]).isTrue();
            assertThat(delivery[1]).contains(statementId);
            JsonNode log = Api.json(Api.as(partner)
                    .when()
                    .get("/api/v1/partner/webhooks/" + created.path("id").asText() + "/deliveries"));
            JsonNode logged = log.path("items").get(0);
            assertThat(logged.path("status").asText()).isEqualTo("Delivered");
            assertThat(logged.path("attempts").asInt()).isEqualTo(2);

            // when usage of last month arrives late (1 TB more from the 21st), taking the customer past 80 %
            Instant twentyFirst = last.atDay(21).atStartOfDay(ZoneOffset.UTC).toInstant();
            Metering.send(Metering.event(customer, "stored", TB, twentyFirst, null));
            Metering.awaitCounted(customer, 3);
            Metering.runStatements();

            // then the Final statement has not changed (and the database refuses to change it), and this month's
            // draft carries the adjustment
            JsonNode again = Api.json(Api.as(partner).when().get("/api/v1/partner/statements/" + statementId));
            assertThat(again).isEqualTo(statement);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> dev.cairn.it.support.Catalog.query(
                            "UPDATE metering.statement SET total = 0 WHERE id = ? RETURNING 1",
                            UUID.fromString(statementId)))
                    .hasMessageContaining("is final and cannot change");
            JsonNode draft = Api.json(Api.as(partner).when().get("/api/v1/partner/statements"))
                    .path("items")
                    .get(0);
            assertThat(draft.path("status").asText()).isEqualTo("Draft");
            JsonNode adjustment = null;
            for (JsonNode line : draft.path("lines")) {
                if (line.path("kind").asText().equals("adjustment-storage")) {
                    adjustment = line;
                }
            }
            assertThat(adjustment).as(draft.toString()).isNotNull();
            long lateHours = ChronoUnit.HOURS.between(
                    twentyFirst, last.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC));
            assertThat(adjustment.path("forMonth").asText())
                    .isEqualTo(last.atDay(1).toString());
            // billed for the month in all (its line and the adjustment) is the month's usage now, rounded once
            BigDecimal monthNow = BigDecimal.valueOf(2 * hoursLeft + lateHours)
                    .divide(BigDecimal.valueOf(hours), 6, RoundingMode.HALF_EVEN);
            assertThat(adjustment.path("quantity").decimalValue()).isEqualByComparingTo(monthNow.subtract(tbMonths));
            assertThat(adjustment.path("unitPrice").decimalValue()).isEqualByComparingTo("12.5");
            // and the partner is told the customer passed 80 %
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> received.stream().anyMatch(r -> r[1].contains("quota.warning")));

            // and of a customer's backup that failed, with its reason
            UUID failedBackup = UUID.randomUUID();
            Metering.send("{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID()
                    + "\",\"source\":\"/cairn/it\",\"type\":"
                    + "\"dev.cairn.backup.failed.v1\",\"time\":\"" + Instant.now() + "\",\"data\":{\"tenantId\":\""
                    + customer + "\",\"bytes\":0,\"clusterId\":\"" + cluster + "\",\"backupId\":\"" + failedBackup
                    + "\",\"detail\":\"its agent stopped renewing its lease\"}}");
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> received.stream()
                            .anyMatch(r -> r[1].contains("backup.failed")
                                    && r[1].contains(failedBackup.toString())
                                    && r[1].contains("its agent stopped renewing its lease")));

            // and usage as JSON and as CSV agree, day by day
            JsonNode days = Api.json(Api.as(partner)
                    .queryParam("granularity", "day")
                    .queryParam("from", last.atDay(1) + "T00:00:00Z")
                    .queryParam("to", last.plusMonths(1).atDay(1) + "T00:00:00Z")
                    .when()
                    .get("/api/v1/partner/usage/" + customer));
            String daysCsv = Api.as(partner)
                    .accept("text/csv")
                    .queryParam("granularity", "day")
                    .queryParam("from", last.atDay(1) + "T00:00:00Z")
                    .queryParam("to", last.plusMonths(1).atDay(1) + "T00:00:00Z")
                    .when()
                    .get("/api/v1/partner/usage/" + customer)
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString();
            String[] dayRows = daysCsv.split("\r\n");
            assertThat(dayRows).hasSize(days.path("items").size() + 1).hasSize(last.lengthOfMonth() + 1);
            for (int i = 0; i < days.path("items").size(); i++) {
                JsonNode d = days.path("items").get(i);
                String[] cells = dayRows[i + 1].split(",");
                assertThat(Instant.parse(cells[0]))
                        .isEqualTo(Instant.parse(d.path("start").asText()));
                assertThat(new BigDecimal(cells[2]))
                        .isEqualByComparingTo(d.path("storedByteHours").decimalValue());
                assertThat(Long.parseLong(cells[4]))
                        .isEqualTo(d.path("endStoredBytes").asLong());
            }
            assertThat(days.path("items")
                            .get(last.lengthOfMonth() - 1)
                            .path("endStoredBytes")
                            .asLong())
                    .isEqualTo(3 * TB);

            // and another partner sees nothing of it: 404, indistinguishable from what does not exist
            Api.as(stranger)
                    .when()
                    .get("/api/v1/partner/statements/" + statementId)
                    .then()
                    .statusCode(404);
            Api.as(stranger)
                    .when()
                    .get("/api/v1/partner/statements/" + UUID.randomUUID())
                    .then()
                    .statusCode(404);
            Api.as(stranger)
                    .when()
                    .get("/api/v1/partner/usage/" + customer)
                    .then()
                    .statusCode(404);
            Api.as(stranger)
                    .when()
                    .get("/api/v1/partner/webhooks/" + created.path("id").asText() + "/deliveries")
                    .then()
                    .statusCode(404);
            Api.as(stranger)
                    .when()
                    .delete("/api/v1/partner/webhooks/" + created.path("id").asText())
                    .then()
                    .statusCode(404);
            assertThat(Api.json(Api.as(stranger)
                                    .queryParam("month", last.toString())
                                    .when()
                                    .get("/api/v1/partner/statements"))
                            .path("items"))
                    .isEmpty();

            // and the operator sees the partner's total of last month
            JsonNode totals = Api.json(Api.as(Operators.token())
                    .queryParam("month", last.toString())
                    .queryParam("limit", 500)
                    .when()
                    .get("/api/v1/admin/billing/partners"));
            assertThat(totals.toString()).contains(statement.path("partnerId").asText());
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void aTenantReadsItsOwnStatementsNewestFirstAsJsonAndCsvAndNobodyElseCan() throws Exception {
        // given a tenant that stored 1 TB from the 3rd of last month, and a statements run
        Tenants.SignedUp tenant = Tenants.free("Statement Reader");
        Tenants.SignedUp other = Tenants.free("Statement Snooper");
        YearMonth last = YearMonth.now(ZoneOffset.UTC).minusMonths(1);
        Metering.send(Metering.event(
                tenant.id(),
                "stored",
                TB,
                last.atDay(3).atStartOfDay(ZoneOffset.UTC).toInstant(),
                null));
        Metering.awaitCounted(tenant.id(), 1);
        Metering.runStatements();

        // then its statements are this month's (a Draft) and last month's (Final), newest first, a page at a time
        JsonNode first =
                Api.json(Api.as(tenant.token()).queryParam("limit", 1).when().get("/api/v1/usage/statements"));
        assertThat(first.path("items")).hasSize(1);
        assertThat(first.path("items").get(0).path("month").asText())
                .isEqualTo(YearMonth.now(ZoneOffset.UTC).atDay(1).toString());
        assertThat(first.path("items").get(0).path("status").asText()).isEqualTo("Draft");
        String cursor = first.path("nextCursor").asText();
        JsonNode second = Api.json(Api.as(tenant.token())
                .queryParam("limit", 1)
                .queryParam("cursor", cursor)
                .when()
                .get("/api/v1/usage/statements"));
        JsonNode statement = second.path("items").get(0);
        assertThat(statement.path("month").asText()).isEqualTo(last.atDay(1).toString());
        assertThat(statement.path("status").asText()).isEqualTo("Final");
        assertThat(statement.path("lines").get(0).path("kind").asText()).isEqualTo("storage");
        assertThat(statement.path("lines").get(0).path("quantity").decimalValue())
                .isPositive();
        String id = statement.path("id").asText();
        assertThat(Api.json(Api.as(tenant.token()).when().get("/api/v1/usage/statements/" + id))
                        .path("total")
                        .decimalValue())
                .isEqualByComparingTo(statement.path("total").decimalValue());

        // as CSV: a header and one row per line, saved as a file
        Response csv = Api.as(tenant.token()).accept("text/csv").when().get("/api/v1/usage/statements/" + id);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.header("Content-Disposition")).contains("attachment").contains(".csv");
        List<String> rows = csv.asString().lines().toList();
        assertThat(rows.getFirst()).startsWith("statement_id,tenant_id,month,status");
        assertThat(rows).hasSize(1 + statement.path("lines").size());
        assertThat(rows.get(1)).startsWith(id + "," + tenant.id() + "," + last.atDay(1) + ",Final");
        assertThat(Api.as(tenant.token())
                        .queryParam("cursor", "garbage")
                        .when()
                        .get("/api/v1/usage/statements")
                        .statusCode())
                .isEqualTo(400);

        // another tenant sees no such statement, and its own list does not show it; a partner is not a tenant
        Api.as(other.token())
                .when()
                .get("/api/v1/usage/statements/" + id)
                .then()
                .statusCode(404);
        assertThat(Api.json(Api.as(other.token()).when().get("/api/v1/usage/statements"))
                        .toString())
                .doesNotContain(id);
        Api.as(Partners.token("Curious Reseller"))
                .when()
                .get("/api/v1/usage/statements")
                .then()
                .statusCode(403);
    }

    @Test
    void aPartnerOverItsRateIsToldToComeBackLater() {
        String partner = Partners.token("Hasty Reseller");
        List<Response> answers = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            answers.add(Api.as(partner).when().get("/api/v1/partner/webhooks"));
        }
        Response limited =
                answers.stream().filter(r -> r.statusCode() == 429).findFirst().orElseThrow();
        assertThat(limited.contentType()).startsWith(Api.PROBLEM);
        assertThat(limited.jsonPath().getString("type")).isEqualTo("https://cairn.dev/problems/rate-limited");
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isPositive();
        assertThat(answers.getFirst().statusCode()).isEqualTo(200);
    }

    /** Verifies a Cairn-Signature header as a partner's receiver would (docs/metering.md, "Webhooks"). */
    private static boolean verify(String secret, String header, String body) throws Exception {
        String t = null;
        String v1 = null;
        for (String part : header.split(",")) {
            if (part.startsWith("t=")) {
                t = part.substring(2);
            } else if (part.startsWith("v1=")) {
                v1 = part.substring(3);
            }
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)));
        return expected.equals(v1) && Math.abs(Instant.now().getEpochSecond() - Long.parseLong(t)) < 300;
    }
}
