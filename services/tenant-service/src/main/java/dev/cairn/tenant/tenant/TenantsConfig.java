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
}
