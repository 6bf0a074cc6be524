package dev.cairn.tenant.tenant;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Tenant life-cycle settings. */
@ConfigMapping(prefix = "cairn.tenants")
public interface TenantsConfig {

    /** How long a deleted tenant can still be restored before its keys, objects and users are destroyed. */
    @WithDefault("P7D")
    Duration deletionGrace();

    /** How often tenants whose grace period ended are looked for (a Quartz-style interval such as {@code 60s}). */
    @WithDefault("60s")
    String purgeInterval();

    /**
     * Signups and agent registrations allowed per minute from one client address (the unauthenticated ways in),
     * refilled steadily; over it, {@code 429} with {@code Retry-After}.
     */
    @WithDefault("6")
    double signupsPerMinute();

    /** How many signups and registrations one client address may send at once before the per-minute rate applies. */
    @WithDefault("10")
    int signupBurst();
}
