package dev.cairn.tenant.command;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How commands reach agents. */
@ConfigMapping(prefix = "cairn.commands")
public interface CommandsConfig {

    /** The longest an agent's poll waits for a command (proxies often close idle requests after 60 s). */
    @WithDefault("PT30S")
    Duration maxWait();

    /**
     * How often a waiting poll checks the database even without a notification ({@link CommandNotifications} wakes
     * it at once for a command queued on any instance): what bounds the delay while notifications cannot be heard.
     */
    @WithDefault("PT30S")
    Duration recheck();

    /**
     * How long a cluster found with nothing to do (nothing queued, nothing to cancel, no lease running) is taken to
     * have nothing while no change to its commands is notified: its agent's polls in that time read nothing from the
     * database. A change, a revocation, or a lapse in hearing notifications ends it at once; this bounds what a
     * change made without a notification could wait.
     */
    @WithDefault("PT5M")
    Duration quietFor();

    /** How long a delivered command waits for the agent's RUNNING report before it is delivered again. */
    @WithDefault("PT2M")
    Duration lease();

    /** How long the file a BROWSE command sent is kept for its download before it is deleted. */
    @WithDefault("PT1H")
    Duration downloadKeep();

    /** How often files kept past {@code download-keep} are looked for and deleted. */
    @WithDefault("PT5M")
    Duration downloadSweepEvery();

    /** How many times a command is delivered before it fails (an agent that crashes on it every time). */
    @WithDefault("5")
    int maxDeliveries();
}
