package dev.cairn.tenant.idempotency;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How long {@code Idempotency-Key}s are remembered. */
@ConfigMapping(prefix = "cairn.idempotency")
public interface IdempotencyConfig {

    /** How long a key answers what its first request made; after that the same key makes something new. */
    @WithDefault("P1D")
    Duration keep();

    /**
     * How long a key whose first request never finished (its service instance died in the middle) stays taken:
     * a repeat meanwhile answers 409 {@code idempotency-key-in-progress}; after it, a repeat makes the thing again.
     */
    @WithDefault("PT10M")
    Duration abandonedAfter();
}
