package dev.cairn.tenant.cluster;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How agents find and join the platform. */
@ConfigMapping(prefix = "cairn.agents")
public interface AgentsConfig {

    /** The platform's public URL, which agents call (the gateway locally). */
    @WithDefault("http://127.0.0.1:8080")
    String platformUrl();

    /** The agent's Helm chart reference in the one-liner; by default the chart the platform serves. */
    @WithDefault("${cairn.agents.platform-url}/charts/cairn-agent.tgz")
    String chart();

    /** How long a registration token is valid. */
    @WithDefault("PT24H")
    Duration registrationTokenLifetime();

    /** A cluster counts as online when its agent's last heartbeat is this recent. */
    @WithDefault("PT2M")
    Duration onlineWithin();

    /** The OpenID Connect token endpoint agents get API tokens from. */
    @WithDefault("${cairn.keycloak.url:http://127.0.0.1:8180}/realms/cairn/protocol/openid-connect/token")
    String tokenUrl();

    /** How often revocations whose credential removal failed are retried (an interval such as {@code 60s}). */
    @WithDefault("60s")
    String revocationRetry();
}
