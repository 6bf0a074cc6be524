package dev.cairn.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.platform.http.CallerRateLimits.Caller;
import dev.cairn.platform.http.CallerRateLimits.Kind;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CallerRateLimitsTest {
    private static final long SECOND = 1_000_000_000L;

    /** Tenants 2/s burst 3, agents 1/s burst 2, partners 5/s burst 1, at most 3 callers remembered. */
    private static final RateLimitsConfig CONFIG = new RateLimitsConfig() {
        public double tenantPerSecond() {
            return 2;
        }

        public int tenantBurst() {
            return 3;
        }

        public double agentPerSecond() {
            return 1;
        }

        public int agentBurst() {
            return 2;
        }

        public double partnerPerSecond() {
            return 5;
        }

        public int partnerBurst() {
            return 1;
        }

        public int maxCallers() {
            return 3;
        }
    };

    @Test
    void aTokenNamesAnAgentBeforeAPartnerBeforeATenantAndOperatorsNone() {
        UUID cluster = UUID.randomUUID();
        UUID partner = UUID.randomUUID();
        UUID tenant = UUID.randomUUID();
        assertThat(Caller.of(Optional.of(cluster), Optional.empty(), Optional.of(tenant)))
                .contains(new Caller(Kind.AGENT, cluster));
        assertThat(Caller.of(Optional.empty(), Optional.of(partner), Optional.empty()))
                .contains(new Caller(Kind.PARTNER, partner));
        assertThat(Caller.of(Optional.empty(), Optional.empty(), Optional.of(tenant)))
                .contains(new Caller(Kind.TENANT, tenant));
        assertThat(Caller.of(Optional.empty(), Optional.empty(), Optional.empty()))
                .isEmpty();
    }

    @Test
    void eachKindHasItsRateAndEachCallerItsOwnBucket() {
        CallerRateLimits limits = new CallerRateLimits(CONFIG);
        Caller tenant = new Caller(Kind.TENANT, UUID.randomUUID());
        Caller agentOfIt = new Caller(Kind.AGENT, UUID.randomUUID());
        // a tenant's users: 3 at once, then one every half second
        for (int i = 0; i < 3; i++) {
            assertThat(limits.take(tenant, 0)).isEmpty();
        }
        assertThat(limits.take(tenant, 0)).contains(Duration.ofMillis(500));
        // its agent is not held back by them, and has its own rate
        assertThat(limits.take(agentOfIt, 0)).isEmpty();
        assertThat(limits.take(agentOfIt, 0)).isEmpty();
        assertThat(limits.take(agentOfIt, 0)).contains(Duration.ofSeconds(1));
        assertThat(limits.take(tenant, SECOND / 2)).isEmpty();
        // a partner: 1 at once, then 5 a second
        Caller partner = new Caller(Kind.PARTNER, UUID.randomUUID());
        assertThat(limits.take(partner, 0)).isEmpty();
        assertThat(limits.take(partner, 0)).contains(Duration.ofMillis(200));
    }

    @Test
    void theLeastRecentlySeenCallersAreForgottenBeyondTheMost() {
        CallerRateLimits limits = new CallerRateLimits(CONFIG);
        Caller first = new Caller(Kind.AGENT, UUID.randomUUID());
        limits.take(first, 0);
        limits.take(first, 0);
        assertThat(limits.take(first, 0)).isPresent();
        for (int i = 0; i < 3; i++) {
            limits.take(new Caller(Kind.TENANT, UUID.randomUUID()), 0);
        }
        assertThat(limits.size()).isEqualTo(3);
        // forgotten: a full bucket again
        assertThat(limits.take(first, 0)).isEmpty();
    }
}
