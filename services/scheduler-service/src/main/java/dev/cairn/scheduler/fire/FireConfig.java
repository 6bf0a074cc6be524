package dev.cairn.scheduler.fire;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How policies fire ({@code cairn.scheduler.*}). */
@ConfigMapping(prefix = "cairn.scheduler")
public interface FireConfig {
    /** A fire this late (the scheduler was down, or overloaded) is recorded as Missed instead of run. */
    @WithDefault("PT10M")
    Duration missedAfter();

    /** How often unfinished runs are brought up to date from their commands. */
    @WithDefault("10s")
    String followEvery();

    /** Unfinished runs read per round. */
    @WithDefault("500")
    int followBatch();

    /** How often active policies without a trigger are armed (also at start): {@code TriggerReconcile}. */
    @WithDefault("10m")
    String reconcileEvery();

    /** Tests only: the folder of the failover test's fault points ({@code FirePoints}); unset in production. */
    java.util.Optional<String> faultDir();
}
