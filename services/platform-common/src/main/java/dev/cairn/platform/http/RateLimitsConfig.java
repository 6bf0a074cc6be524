package dev.cairn.platform.http;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The public API's rates per caller ({@link CallerRateLimitFilter}), per instance of a service: with N replicas a
 * caller gets at most N times these.
 */
@ConfigMapping(prefix = "cairn.rate-limits")
public interface RateLimitsConfig {
    /** Requests per second the users of one tenant (portal, CLI, scripts) may make together. */
    @WithDefault("50")
    double tenantPerSecond();

    /** Requests a tenant's users may make at once before {@code tenant-per-second} applies (the bucket's size). */
    @WithDefault("200")
    int tenantBurst();

    /**
     * Requests per second one agent (one cluster) may make: a backup asks for an upload slot per 8 MiB pack, so 200
     * lets one agent back up at 1.6 GB/s, far beyond what one agent reads, and still stops a flood.
     */
    @WithDefault("200")
    double agentPerSecond();

    /** Requests an agent may make at once before {@code agent-per-second} applies. */
    @WithDefault("400")
    int agentBurst();

    /** Requests per second one partner (its API client and its people together) may make. */
    @WithDefault("20")
    double partnerPerSecond();

    /** Requests a partner may make at once before {@code partner-per-second} applies. */
    @WithDefault("60")
    int partnerBurst();

    /** The most callers whose buckets are kept; the least recently seen are forgotten first (a full bucket again). */
    @WithDefault("100000")
    int maxCallers();
}
