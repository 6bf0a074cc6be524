package dev.cairn.metering.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
    private static final String SECRET = "whsec_test";
    private static final Instant AT = Instant.parse("2026-12-02T10:00:00Z");

    @Test
    void theSignatureIsHmacSha256OfTheTimestampAndTheBody() {
        // reference: printf '1796205600.{"a":1}' | openssl dgst -sha256 -hmac whsec_test
        assertThat(WebhookSignature.sign(SECRET, AT, "{\"a\":1}"))
                .isEqualTo("t=1796205600,v1=5e1c8b7e3803a2c343dc9b02c6fc6f0f504934e1fd56361581128754a5efad9e");
    }

    @Test
    void aReceiverAcceptsItsOwnSignatureAndRefusesTamperingOtherSecretsAndOldTimestamps() {
        String header = WebhookSignature.sign(SECRET, AT, "{\"a\":1}");
        assertThat(WebhookSignature.verify(SECRET, header, "{\"a\":1}", AT.plusSeconds(60)))
                .isTrue();
        assertThat(WebhookSignature.verify(SECRET, header, "{\"a\":2}", AT)).isFalse();
        assertThat(WebhookSignature.verify("whsec_other", header, "{\"a\":1}", AT))
                .isFalse();
        assertThat(WebhookSignature.verify(SECRET, header, "{\"a\":1}", AT.plusSeconds(301)))
                .as("a replay after the tolerance")
                .isFalse();
        assertThat(WebhookSignature.verify(SECRET, "v1=abc", "{\"a\":1}", AT)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, null, "{\"a\":1}", AT)).isFalse();
    }

    @Test
    void secretsAreFreshAndLongEnough() {
        String one = WebhookSignature.newSecret();
        assertThat(one).startsWith("whsec_").hasSizeGreaterThan(40).isNotEqualTo(WebhookSignature.newSecret());
    }
}
