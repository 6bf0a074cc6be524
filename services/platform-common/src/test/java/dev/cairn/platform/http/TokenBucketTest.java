package dev.cairn.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void aBurstPassesThenTheRateHoldsAndSaysWhenToComeBack() {
        TokenBucket bucket = new TokenBucket(10, 3, 0);
        assertThat(bucket.take(0)).isEmpty();
        assertThat(bucket.take(0)).isEmpty();
        assertThat(bucket.take(0)).isEmpty();
        assertThat(bucket.take(0)).contains(Duration.ofMillis(100));
        assertThat(bucket.take(SECOND / 10))
                .as("a tenth of a second later, one token")
                .isEmpty();
        assertThat(bucket.take(SECOND / 10)).isPresent();
    }

    @Test
    void idleTimeRefillsNoMoreThanTheBurst() {
        TokenBucket bucket = new TokenBucket(10, 2, 0);
        bucket.take(0);
        bucket.take(0);
        long hourLater = 3600 * SECOND;
        assertThat(bucket.take(hourLater)).isEmpty();
        assertThat(bucket.take(hourLater)).isEmpty();
        assertThat(bucket.take(hourLater)).isPresent();
    }
}
