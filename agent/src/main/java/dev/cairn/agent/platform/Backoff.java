package dev.cairn.agent.platform;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * How long a client of the platform (the agent, the CLI) waits before it tries again: its own exponential backoff,
 * or the server's {@code Retry-After} when that is longer, plus up to a quarter more at random, so that a thousand
 * agents told to wait the same 30 s do not all come back in the same second.
 */
public final class Backoff {
    /** The longest {@code Retry-After} honoured; a longer one is taken as this. */
    public static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(5);

    private Backoff() {}

    /**
     * The wait a {@code Retry-After} header asks for: delay-seconds or an HTTP-date (RFC 9110), at most
     * {@link #MAX_RETRY_AFTER}; empty when there is none or it cannot be read.
     */
    public static Optional<Duration> retryAfter(Optional<String> header, Instant now) {
        if (header.isEmpty() || header.get().isBlank()) {
            return Optional.empty();
        }
        String value = header.get().trim();
        Duration wait;
        try {
            wait = Duration.ofSeconds(Long.parseLong(value));
        } catch (NumberFormatException notSeconds) {
            try {
                wait = Duration.between(
                        now,
                        ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                                .toInstant());
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
        if (wait.isNegative()) {
            return Optional.of(Duration.ZERO);
        }
        return Optional.of(wait.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : wait);
    }

    /** The wait before the next attempt: the longer of {@code backoff} and {@code retryAfter}, plus jitter. */
    public static Duration next(Duration backoff, Optional<Duration> retryAfter, RandomGenerator random) {
        long base =
                Math.max(backoff.toMillis(), retryAfter.map(Duration::toMillis).orElse(0L));
        return Duration.ofMillis(base + random.nextLong(base / 4 + 1));
    }
}
