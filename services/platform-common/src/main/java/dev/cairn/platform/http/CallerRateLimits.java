package dev.cairn.platform.http;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A token bucket per caller of the public API, by the kind of caller its token says: the users of a tenant share one,
 * each agent (cluster) has its own, a partner's client and people share one. Callers of no tenant, agent or partner
 * (operators, services) are not limited here. At most {@code max-callers} buckets are kept, the least recently used
 * forgotten first. Thread safe; time is passed in (nanoseconds of a monotonic clock).
 */
public final class CallerRateLimits {
    /** Who is calling, as far as rates go. */
    public enum Kind {
        /** A user of a tenant (administrator or viewer). */
        TENANT,
        /** An agent: its cluster. */
        AGENT,
        /** A partner: its API client or one of its people. */
        PARTNER
    }

    /**
     * The caller a token names: a {@code cluster_id} claim is an agent, else a {@code partner_id} a partner, else a
     * {@code tenant_id} a tenant's user; empty for none of them.
     */
    public record Caller(Kind kind, UUID id) {
        public static Optional<Caller> of(Optional<UUID> cluster, Optional<UUID> partner, Optional<UUID> tenant) {
            if (cluster.isPresent()) {
                return Optional.of(new Caller(Kind.AGENT, cluster.get()));
            }
            if (partner.isPresent()) {
                return Optional.of(new Caller(Kind.PARTNER, partner.get()));
            }
            return tenant.map(t -> new Caller(Kind.TENANT, t));
        }

        /** What the answer says was exceeded. */
        String exceeded(RateLimitsConfig config) {
            return switch (kind) {
                case TENANT -> "this tenant's users exceeded " + config.tenantPerSecond() + " requests per second";
                case AGENT -> "this agent exceeded " + config.agentPerSecond() + " requests per second";
                case PARTNER -> "this partner exceeded " + config.partnerPerSecond() + " requests per second";
            };
        }
    }

    private final RateLimitsConfig config;
    private final Map<Caller, TokenBucket> buckets;

    public CallerRateLimits(RateLimitsConfig config) {
        this.config = config;
        int max = config.maxCallers();
        this.buckets = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Caller, TokenBucket> eldest) {
                return size() > max;
            }
        };
    }

    /** Takes one of the caller's tokens: empty when it had one, else how long until it will. */
    public Optional<Duration> take(Caller caller, long now) {
        TokenBucket bucket;
        synchronized (buckets) {
            bucket = buckets.computeIfAbsent(caller, c -> switch (c.kind()) {
                case TENANT -> new TokenBucket(config.tenantPerSecond(), config.tenantBurst(), now);
                case AGENT -> new TokenBucket(config.agentPerSecond(), config.agentBurst(), now);
                case PARTNER -> new TokenBucket(config.partnerPerSecond(), config.partnerBurst(), now);
            });
        }
        return bucket.take(now);
    }

    /** How many callers have a bucket now. */
    int size() {
        synchronized (buckets) {
            return buckets.size();
        }
    }
}
