package dev.cairn.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.it.support.Api;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The unauthenticated ways in are rate limited per client address (issue 17, item 1): a flood of signups from one
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

    private static Response signup(String address) {
        return Api.service("tenant")
                .header("X-Forwarded-For", address)
                .body(Map.of())
                .when()
                .post("/api/v1/signup");
    }
}
