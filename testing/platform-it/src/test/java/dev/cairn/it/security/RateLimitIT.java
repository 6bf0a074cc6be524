package dev.cairn.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.it.support.Api;
import dev.cairn.it.support.Partners;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The public API is rate limited per caller (issue 17, item 1): a partner's flood is answered {@code 429} with
 * {@code Retry-After} by each service while another partner is not held back (the tenant's users and agents have
 * buckets of their own the same way, at rates the suite stays under: {@code CallerRateLimitsTest}). The
 * unauthenticated ways in are rate limited per client address: a flood of signups from one
 * address is answered {@code 429} with {@code Retry-After}, while another address is not held back. The requests go
 * to the tenant service directly with an address of their own in {@code X-Forwarded-For} (the gateway sets that
 * header itself), so that the rest of the suite, which signs up from 127.0.0.1, is not limited by this test.
 */
class RateLimitIT {

    @Test
    void aFloodOfSignupsFromOneAddressIsToldToWaitAndAnotherAddressIsNot() {
        Response limited = null;
        int sent = 0;
        while (limited == null && sent < 1_000) {
            Response answer = signup("198.51.100.7");
            sent++;
            // an empty body: refused as invalid (400) while the address has tokens, as 429 when it has none
            assertThat(answer.statusCode()).as(answer.asString()).isIn(400, 429);
            if (answer.statusCode() == 429) {
                limited = answer;
            }
        }
        assertThat(limited).as("no 429 after %d signups from one address", sent).isNotNull();
        assertThat(sent).as("the burst allowed before the limit").isGreaterThan(100);
        assertThat(limited.contentType()).startsWith(Api.PROBLEM);
        assertThat(limited.jsonPath().getString("type")).isEqualTo("https://cairn.dev/problems/rate-limited");
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isPositive();

        assertThat(signup("198.51.100.8").statusCode()).isEqualTo(400);
    }

    @Test
    void aPartnerOverItsRateIsToldToWaitInEveryServiceAndAnotherPartnerIsNot() {
        // the test platform lets a partner make 10 requests at once, then 5 a second, to each service
        String flooding = Partners.token("Flooding Partner " + UUID.randomUUID());
        String calm = Partners.token("Calm Partner " + UUID.randomUUID());
        for (String path : List.of("/api/v1/partner/tenants", "/api/v1/partner/webhooks")) {
            Response limited = null;
            int sent = 0;
            while (limited == null && sent < 100) {
                Response answer = Api.as(flooding).when().get(path);
                sent++;
                assertThat(answer.statusCode()).as(answer.asString()).isIn(200, 429);
                if (answer.statusCode() == 429) {
                    limited = answer;
                }
            }
            assertThat(limited).as("no 429 after %d requests to %s", sent, path).isNotNull();
            assertThat(sent).as("the burst allowed by " + path).isGreaterThanOrEqualTo(10);
            assertThat(limited.contentType()).startsWith(Api.PROBLEM);
            assertThat(limited.jsonPath().getString("type")).isEqualTo("https://cairn.dev/problems/rate-limited");
            assertThat(limited.jsonPath().getString("detail")).contains("this partner exceeded");
            assertThat(Integer.parseInt(limited.header("Retry-After"))).isPositive();
            // another partner's bucket is its own
            Api.as(calm).when().get(path).then().statusCode(200);
        }
    }

    private static Response signup(String address) {
        return Api.service("tenant")
                .header("X-Forwarded-For", address)
                .body(Map.of())
                .when()
                .post("/api/v1/signup");
    }
}
