package dev.cairn.platform.http;

import java.time.Duration;

/**
 * A token bucket: holds at most {@code burst} tokens, refills {@code rate} per second, and a request takes one. Thread
 * safe; time is passed in (nanoseconds of a monotonic clock), so that it is tested without waiting.
 */
public final class TokenBucket {
    private final double rate;
    private final double burst;
    private double tokens;
    private long at;

    public TokenBucket(double rate, int burst, long now) {
        this.rate = rate;
        this.burst = burst;
        this.tokens = burst;
        this.at = now;
    }

    /** Takes a token; empty when there is one, else how long until there will be. */
    public synchronized java.util.Optional<Duration> take(long now) {
        tokens = Math.min(burst, tokens + (now - at) / 1e9 * rate);
        at = now;
        if (tokens >= 1) {
            tokens -= 1;
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(Duration.ofNanos((long) Math.ceil((1 - tokens) / rate * 1e9)));
    }
}
